// The cache's pieces on their own: keys, ETag matching, the memory bound, versions.
import type { Viewer } from '../../src/access/viewer';
import type { PulseConfig } from '../../src/config/pulse-config';
import { cacheKey, etagOf, matchesETag } from '../../src/http/response-cache/cache-key';
import { ResponseCache } from '../../src/http/response-cache/response-cache.service';
import { SyncMetrics } from '../../src/sync/status/sync-metrics';

const viewer = (userId: string, ownerIds: string[] | null, viewAll = false): Viewer => ({
  userId,
  name: userId,
  roleId: null,
  viewAll,
  ownerIds,
});
const cacheOf = (bytes: number) => new ResponseCache({ responseCacheBytes: bytes } as PulseConfig, new SyncMetrics());

describe('cacheKey', () => {
  const rep = viewer('005A', ['005A']);

  it('ignores the order of parameters, not their values', () => {
    const key = (query: string) => cacheKey('/api/x', query, rep, '2026-11-24');
    expect(key('?b=2&a=1')).toBe(key('?a=1&b=2'));
    expect(key('?a=1&b=3')).not.toBe(key('?a=1&b=2'));
    expect(key('?a=1&a=2')).not.toBe(key('?a=2&a=1')); // a repeated parameter keeps its order
  });

  it('tells apart users, view-all, scopes and days', () => {
    const keys = [
      cacheKey('/api/x', '', rep, '2026-11-24'),
      cacheKey('/api/x', '', viewer('005B', ['005B']), '2026-11-24'),
      cacheKey('/api/x', '', viewer('005A', null, true), '2026-11-24'),
      cacheKey('/api/x', '', viewer('005A', ['005A', '005C']), '2026-11-24'), // a role change
      cacheKey('/api/x', '', rep, '2026-11-25'),
      cacheKey('/api/y', '', rep, '2026-11-24'),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('ETags', () => {
  const etag = etagOf('7', 'key');

  it('are weak and change with the version and the key', () => {
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(etagOf('8', 'key')).not.toBe(etag);
    expect(etagOf('7', 'other')).not.toBe(etag);
  });

  it('match If-None-Match weakly, in a list, or *', () => {
    expect(matchesETag(etag, etag)).toBe(true);
    expect(matchesETag(etag.slice(2), etag)).toBe(true);
    expect(matchesETag(`W/"x", ${etag}`, etag)).toBe(true);
    expect(matchesETag('*', etag)).toBe(true);
    expect(matchesETag('W/"x"', etag)).toBe(false);
    expect(matchesETag(undefined, etag)).toBe(false);
  });
});

describe('ResponseCache', () => {
  it('serves an entry only at the version it was stored at, and forgets all on a newer one', () => {
    const cache = cacheOf(1024);
    cache.set('k', '5', '{"a":1}');
    expect(cache.get('k', '5')).toBe('{"a":1}');
    expect(cache.get('k', '6')).toBeUndefined();
    expect(cache.get('k', '5')).toBeUndefined(); // gone with the move to 6
    cache.set('late', '5', '{}'); // computed at 5, arriving after 6 was seen: stale already
    expect(cache.get('late', '5')).toBeUndefined();
  });

  it('holds at most its size, dropping the least recently used', () => {
    const cache = cacheOf(300);
    const body = (c: string) => `"${c.repeat(60)}"`;
    cache.set('a', '1', body('a'));
    cache.set('b', '1', body('b'));
    expect(cache.get('a', '1')).toBeDefined(); // a is now the most recently used
    cache.set('c', '1', body('c'));
    expect(cache.get('b', '1')).toBeUndefined();
    expect(cache.get('a', '1')).toBeDefined();
    expect(cache.get('c', '1')).toBeDefined();
    cache.set('huge', '1', body('h'.repeat(10)));
    expect(cache.get('huge', '1')).toBeUndefined(); // larger than the whole cache: not kept
  });

  it('is off with no memory', () => {
    expect(cacheOf(0).enabled).toBe(false);
  });
});
