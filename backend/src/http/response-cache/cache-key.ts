import { createHash } from 'node:crypto';
import type { Viewer } from '../../access/viewer';

/** The viewer's scope as a short digest: the same owners give the same digest, whoever asks. */
const scopeDigests = new WeakMap<readonly string[], string>();

function scopeOf(viewer: Viewer): string {
  if (viewer.ownerIds === null) return 'all';
  let digest = scopeDigests.get(viewer.ownerIds);
  if (!digest) {
    digest = createHash('sha1').update(viewer.ownerIds.join(',')).digest('base64url');
    scopeDigests.set(viewer.ownerIds, digest);
  }
  return digest;
}

/**
 * What makes two requests the same question: the path, the query with its parameters in a fixed
 * order, who asks and what they may see (user, view-all, the owners the hierarchy grants them:
 * a role change gives a new key even before the mirror version moves), and today's date (periods
 * such as "this quarter" and "idle for N days" count from it).
 */
export function cacheKey(path: string, query: string, viewer: Viewer, today: string): string {
  const params = new URLSearchParams(query);
  params.sort(); // stable: repeated parameters keep their order
  return [path, params.toString(), viewer.userId, viewer.viewAll ? 'all' : 'own', scopeOf(viewer), today].join('\n');
}

/** A weak ETag (equal meaning, not byte-identical) for an answer at a mirror version. */
export function etagOf(version: string, key: string): string {
  return `W/"${createHash('sha1').update(`${version}\n${key}`).digest('base64url')}"`;
}

/** If-None-Match names `etag` (or anything, with `*`); weak comparison, as RFC 9110 asks for it. */
export function matchesETag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
