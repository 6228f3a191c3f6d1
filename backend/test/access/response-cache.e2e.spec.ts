// "Identical requests are answered from cache until the mirror changes", through HTTP against the
// real app on GET /api/pipeline/by-stage (marked @CachedByMirror()).
import { eventually } from '../support/eventually';
import { startAccessStack, type AccessStack, type Answer } from './access-stack';

const BY_STAGE = '/api/pipeline/by-stage';
const ADMIN = 'dana.whitfield@pulse.demo';

describe('response cache and ETags', () => {
  let stack: AccessStack;
  let admin: string;

  beforeAll(async () => {
    stack = await startAccessStack();
    admin = await stack.userToken(ADMIN, { viewAll: true });
  }, 90_000);

  afterAll(() => stack?.close());

  const get = (path: string, token: string, headers: Record<string, string> = {}) =>
    stack.request(path, { token, headers });
  const cacheOf = (answer: Answer) => answer.headers.get('x-pulse-cache');
  /** Writes to the mirror with its triggers off: a change the version does not record. */
  const writeUnversioned = (sql: string, params: unknown[]) =>
    stack.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL session_replication_role = replica`);
      await tx.query(sql, params);
    });
  const bumpVersion = () => stack.db.query(`UPDATE mirror_version SET version = version + 1 WHERE id = 1`);
  /** An open deal with an amount of its own (with products, Amount is their total), and its amount. */
  const openDeal = async (): Promise<{ id: string; amount: number }> => {
    const [deal] = await stack.db.query(
      `SELECT o.salesforce_id AS id, o.amount::float AS amount FROM opportunity o
       JOIN opportunity_stage s ON s.api_name = o.stage_name AND s.is_active
       WHERE NOT o.is_deleted AND NOT o.is_closed AND o.amount > 0
         AND NOT EXISTS (SELECT 1 FROM opportunity_line_item li WHERE li.opportunity_id = o.salesforce_id)
       ORDER BY o.salesforce_id LIMIT 1`,
    );
    return deal;
  };
  /** Asks until the answer comes from cache: the version has settled after the previous test's writes. */
  const settled = (path: string, token: string) =>
    eventually(async () => {
      const answer = await get(path, token);
      expect(cacheOf(answer)).toBe('hit');
      return answer;
    });
  const counter = async (result: string) => {
    const { text } = await stack.request('/metrics');
    const line = text.split('\n').find((l) => l.startsWith(`pulse_response_cache_requests_total{result="${result}"}`));
    return Number(line?.split(' ')[1] ?? 0);
  };

  it('answers the same request twice, the second time from cache, with a weak ETag', async () => {
    const hitsBefore = await counter('hit');
    const first = await get(`${BY_STAGE}?includeClosed=true`, admin);
    const second = await get(`${BY_STAGE}?includeClosed=true`, admin);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([cacheOf(first), cacheOf(second)]).toEqual(['miss', 'hit']);
    expect(second.text).toBe(first.text);
    expect(second.headers.get('content-type')).toMatch(/^application\/json/);
    expect(first.headers.get('etag')).toMatch(/^W\/"[\w-]+"$/);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('cache-control')).toBe('private, no-cache');
    expect(second.headers.get('vary')).toMatch(/authorization/i);
    expect(await counter('hit')).toBe(hitsBefore + 1);
  });

  it('keeps answering from cache while the mirror version stands, and recomputes when it moves', async () => {
    const deal = await openDeal();
    const before = await settled(BY_STAGE, admin);

    await writeUnversioned(`UPDATE opportunity SET amount = amount + 1000 WHERE salesforce_id = $1`, [deal.id]);
    const cached = await get(BY_STAGE, admin);
    expect(cacheOf(cached)).toBe('hit');
    expect(cached.body.totals.amount).toBe(before.body.totals.amount); // the cache, not the database

    await bumpVersion();
    const fresh = await eventually(async () => {
      const answer = await get(BY_STAGE, admin);
      expect(cacheOf(answer)).toBe('miss');
      return answer;
    });
    expect(fresh.body.totals.amount).toBeCloseTo(before.body.totals.amount + 1000, 2);
    expect(fresh.headers.get('etag')).not.toBe(before.headers.get('etag'));

    await stack.db.query(`UPDATE opportunity SET amount = $2 WHERE salesforce_id = $1`, [deal.id, deal.amount]);
  });

  it('computes an answer once for identical requests that arrive together after a change', async () => {
    await settled(`${BY_STAGE}?period=this_year`, admin);
    const [missesBefore, sharedBefore] = [await counter('miss'), await counter('shared')];
    await bumpVersion();
    await new Promise((resolve) => setTimeout(resolve, 200)); // past the version's short reuse window
    const answers = await Promise.all(Array.from({ length: 8 }, () => get(`${BY_STAGE}?period=this_year`, admin)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    // One computation; the other seven waited for it (shared) or came after it (hit).
    expect((await counter('miss')) - missesBefore).toBe(1);
    expect((await counter('shared')) - sharedBefore).toBeGreaterThan(0);
  });

  it('answers a matching If-None-Match with 304 and no body, anything else with the answer', async () => {
    const first = await settled(BY_STAGE, admin);
    const etag = first.headers.get('etag')!;
    // fetch() sends Cache-Control: no-cache with every conditional request; said here to be plain.
    const notModified = await get(BY_STAGE, admin, { 'if-none-match': etag, 'cache-control': 'no-cache' });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(cacheOf(notModified)).toBe('not-modified');
    // Strong form, in a list: still the same answer (weak comparison).
    const listed = await get(BY_STAGE, admin, { 'if-none-match': `"other", ${etag.slice(2)}` });
    expect(listed.status).toBe(304);

    const other = await get(BY_STAGE, admin, { 'if-none-match': 'W/"something-else"' });
    expect(other.status).toBe(200);
    expect(other.text).toBe(first.text);

    await bumpVersion();
    const changed = await eventually(async () => {
      const answer = await get(BY_STAGE, admin, { 'if-none-match': etag });
      expect(answer.status).toBe(200);
      return answer;
    });
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('recomputes after a change made in the org reaches the mirror', async () => {
    const deal = await openDeal();
    const before = await settled(BY_STAGE, admin);

    const org = await stack.orgConnection();
    await org.sobject('Opportunity').update({ Id: deal.id, Amount: deal.amount + 500 });
    const after = await eventually(async () => {
      const answer = await get(BY_STAGE, admin, { 'if-none-match': before.headers.get('etag')! });
      expect(answer.status).toBe(200);
      expect(answer.body.totals.amount).toBeCloseTo(before.body.totals.amount + 500, 2);
      return answer;
    }, 20_000);
    expect(cacheOf(after)).toBe('miss');
    await org.sobject('Opportunity').update({ Id: deal.id, Amount: deal.amount });
    // The next tests compare answers taken moments apart: let the restore land first.
    await eventually(async () => {
      expect((await get(BY_STAGE, admin)).body.totals.amount).toBeCloseTo(before.body.totals.amount, 2);
    }, 20_000);
  }, 45_000);

  it('never shares an entry between viewers, nor between a user with and without view-all', async () => {
    const rep = await stack.userToken('ana.souza@pulse.demo');
    const otherRep = await stack.userToken('ben.carter@pulse.demo');
    const repAll = await stack.userToken('ana.souza@pulse.demo', { viewAll: true });
    const answers: Answer[] = [];
    for (const token of [rep, otherRep, repAll]) answers.push(await get(`${BY_STAGE}?includeClosed=true`, token));
    expect(answers.map(cacheOf)).toEqual(['miss', 'miss', 'miss']);
    expect(new Set(answers.map((a) => a.headers.get('etag'))).size).toBe(3);
    expect(answers[2].text).toBe((await get(`${BY_STAGE}?includeClosed=true`, admin)).text); // both see everything
    expect(answers[0].body.totals.amount).toBeLessThan(answers[2].body.totals.amount);

    // One viewer's ETag is not another's.
    const borrowed = await get(`${BY_STAGE}?includeClosed=true`, otherRep, {
      'if-none-match': answers[0].headers.get('etag')!,
    });
    expect(borrowed.status).toBe(200);
    expect(borrowed.text).toBe(answers[1].text);
  });

  it('treats the query parameters in any order as the same request', async () => {
    await bumpVersion(); // a fresh start: nothing cached
    await eventually(async () =>
      expect(cacheOf(await get(`${BY_STAGE}?period=this_year&includeClosed=true`, admin))).toBe('miss'),
    );
    expect(cacheOf(await get(`${BY_STAGE}?includeClosed=true&period=this_year`, admin))).toBe('hit');
    expect(cacheOf(await get(`${BY_STAGE}?includeClosed=false&period=this_year`, admin))).toBe('miss');
  });

  it('caches no error, and leaves routes without @CachedByMirror() alone', async () => {
    for (let i = 0; i < 2; i++) {
      const bad = await get(`${BY_STAGE}?includeClosed=maybe`, admin);
      expect(bad.status).toBe(400);
      expect(bad.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/includeClosed/)]));
      expect(cacheOf(bad)).toBeNull();
    }
    const me = await get('/api/me', admin);
    expect(cacheOf(me)).toBeNull();
  });
});
