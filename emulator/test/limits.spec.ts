// The org's API allocations as jsforce sees them: GET /limits, the Sforce-Limit-Info header, and
// REQUEST_LIMIT_EXCEEDED once the daily allocation is spent, over a rolling 24 hours.
import { Connection } from 'jsforce';
import { startTestOrg, type TestOrg } from './support.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const DAY = 86_400_000;

async function signIn(org: TestOrg): Promise<Connection> {
  const conn = new Connection({ loginUrl: org.emulator.url, version: '66.0' });
  await conn.authorize({ grant_type: JWT_BEARER, assertion: org.assertion() });
  return conn;
}

describe('API limits over HTTP', () => {
  describe('with the default allocation', () => {
    let org: TestOrg;
    let conn: Connection;

    beforeAll(async () => {
      org = await startTestOrg({ bulk: { queuedMs: 1, processingMs: 1 } });
      conn = await signIn(org);
    });

    afterAll(() => org.emulator.close());

    it('reports DailyApiRequests through jsforce, counting every request', async () => {
      const before = await conn.limits();
      expect(before.DailyApiRequests.Max).toBe(100_000);
      for (let i = 0; i < 3; i++) await conn.query('SELECT Id FROM Account LIMIT 1');
      await conn.sobject('Account').create([{ Name: 'Counted' }]);
      const after = await conn.limits();
      // Three queries, one collection create, and the second /limits call itself.
      expect(before.DailyApiRequests.Remaining - after.DailyApiRequests.Remaining).toBe(5);
      expect(after.DataStorageMB.Max).toBeGreaterThan(after.DataStorageMB.Remaining);
    });

    it('sends Sforce-Limit-Info: api-usage=N/M with every REST answer', async () => {
      const call = () =>
        fetch(`${org.emulator.url}/services/data/v66.0/sobjects`, {
          headers: { authorization: `Bearer ${conn.accessToken}` },
        });
      const first = (await call()).headers.get('sforce-limit-info');
      const second = (await call()).headers.get('sforce-limit-info');
      expect(first).toMatch(/^api-usage=\d+\/100000$/);
      const used = (header: string | null) => Number(/=(\d+)\//.exec(header ?? '')?.[1]);
      expect(used(second)).toBe(used(first) + 1);
    });

    it('moves DailyBulkV2QueryJobs and DailyBulkV2QueryFileStorageMB with Bulk API 2.0 query jobs', async () => {
      const headers = { authorization: `Bearer ${conn.accessToken}`, 'content-type': 'application/json' };
      const jobs = `${org.emulator.url}/services/data/v66.0/jobs/query`;
      const before = await conn.limits();
      const created = await fetch(jobs, {
        method: 'POST',
        headers,
        body: JSON.stringify({ operation: 'query', query: 'SELECT Id, Name FROM Account' }),
      });
      expect(created.status).toBe(200);
      const { id } = (await created.json()) as { id: string };
      for (let state = ''; state !== 'JobComplete';) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        state = ((await (await fetch(`${jobs}/${id}`, { headers })).json()) as { state: string }).state;
      }
      const results = await fetch(`${jobs}/${id}/results`, { headers });
      expect((await results.text()).length).toBeGreaterThan(0);
      const after = await conn.limits();
      expect(after.DailyBulkV2QueryJobs).toEqual({ Max: 10_000, Remaining: before.DailyBulkV2QueryJobs.Remaining - 1 });
      expect(after.DailyBulkV2QueryFileStorageMB.Max).toBe(976_562);
      expect(after.DailyBulkV2QueryFileStorageMB.Remaining).toBe(before.DailyBulkV2QueryFileStorageMB.Remaining - 1);
    });
  });

  describe('with a small allocation and a clock the test moves', () => {
    let org: TestOrg;
    let now = Date.now();

    beforeAll(async () => {
      org = await startTestOrg({ dailyApiRequests: 3, clock: () => now, sessionLifetimeMs: 7 * DAY });
    });

    afterAll(() => org.emulator.close());

    it('refuses requests past the allocation with 403 REQUEST_LIMIT_EXCEEDED until the window rolls on', async () => {
      const conn = await signIn(org);
      for (let i = 0; i < 3; i++) await conn.query('SELECT Id FROM Account LIMIT 1');
      await expect(conn.query('SELECT Id FROM Account LIMIT 1')).rejects.toMatchObject({
        errorCode: 'REQUEST_LIMIT_EXCEEDED',
        message: 'TotalRequests Limit exceeded.',
      });
      const refused = await fetch(`${org.emulator.url}/services/data/v66.0/limits`, {
        headers: { authorization: `Bearer ${conn.accessToken}` },
      });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('sforce-limit-info')).toBe('api-usage=3/3');

      now += DAY - 120_000;
      await expect(conn.query('SELECT Id FROM Account LIMIT 1')).rejects.toMatchObject({
        errorCode: 'REQUEST_LIMIT_EXCEEDED',
      });
      now += 180_000;
      await expect(conn.query('SELECT Id FROM Account LIMIT 1')).resolves.toMatchObject({ done: true });
    });
  });
});
