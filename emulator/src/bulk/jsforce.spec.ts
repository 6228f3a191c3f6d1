// Bulk API 2.0 query through unmodified jsforce 3.10: bulk2.query on a one-page result, queryAll, errors,
// abort and delete, and multi-page results through QueryJobV2 (bulk2.query itself breaks across locator
// pages: jsforce issue #1546).
import { QueryJobV2 } from 'jsforce/lib/api/bulk2.js';
import type { Record as SfRecord } from 'jsforce';
import { startBulkOrg, type BulkTestOrg } from './test-client.ts';

/** The request QueryJobV2.result() makes for each page (private in jsforce's types), and the locator it keeps. */
type PageRequests = {
  createQueryRequest(request: { method: 'GET'; path: string; headers: Record<string, string> }): Promise<SfRecord[]>;
  locator?: string;
};

describe('Bulk API 2.0 query through jsforce', () => {
  let bulk: BulkTestOrg;

  const collect = async (soql: string, options: { scanAll?: boolean } = {}) => {
    const stream = await bulk.conn.bulk2.query(soql, options);
    const records: SfRecord[] = [];
    stream.on('record', (record: SfRecord) => records.push(record));
    await new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject));
    return records;
  };
  const restIds = async (soql: string, scanAll = false) =>
    (await bulk.conn.query(soql, { scanAll }).run({ autoFetch: true, maxFetch: 100_000 })).records.map((r) => r.Id);

  beforeAll(async () => {
    bulk = await startBulkOrg({ demo: { opportunities: 150, accounts: 30 }, bulk: { queuedMs: 30, processingMs: 30 } });
    bulk.conn.bulk2.pollInterval = 10;
  });

  afterAll(() => bulk.close());

  it('bulk2.query returns what the REST query returns, parent fields as Account.Name', async () => {
    const soql = 'SELECT Id, Name, Amount, IsWon, Account.Name FROM Opportunity ORDER BY Id';
    const records = await collect(soql);
    const rest = (await bulk.conn.query(soql).run({ autoFetch: true, maxFetch: 100_000 })).records;
    expect(records).toHaveLength(rest.length);
    expect(records.map((r) => [r.Id, r.Name, Number(r.Amount), r.IsWon, r['Account.Name']])).toEqual(
      rest.map((r) => [r.Id, r.Name, r.Amount, String(r.IsWon), (r.Account as { Name: string } | null)?.Name ?? '']),
    );
  });

  it('bulk2.query with scanAll runs queryAll: deleted rows come back with IsDeleted=true', async () => {
    const [victim] = (await restIds('SELECT Id FROM Opportunity ORDER BY Id DESC LIMIT 1')) as string[];
    await bulk.conn.sobject('Opportunity').destroy(victim);
    const soql = 'SELECT Id, IsDeleted FROM Opportunity ORDER BY Id';
    const all = await collect(soql, { scanAll: true });
    const live = await collect(soql);
    expect(all.find((r) => r.Id === victim)?.IsDeleted).toBe('true');
    expect(live.map((r) => r.Id)).not.toContain(victim);
    expect(all.map((r) => r.Id)).toEqual(await restIds(soql, true));
    expect(live.map((r) => r.Id)).toEqual(await restIds(soql));
  });

  it('pages through a multi-page result with QueryJobV2 and maxRecords', async () => {
    const query = 'SELECT Id, Name, Account.Name FROM Opportunity ORDER BY Name, Id';
    const job = new QueryJobV2(bulk.conn, {
      bodyParams: { operation: 'query', query },
      pollingOptions: { pollInterval: 10, pollTimeout: 10_000 },
    });
    expect((await job.open()).state).toBe('UploadComplete');
    await job.poll();
    const expected = await restIds(query);
    expect((await job.check()).numberRecordsProcessed).toBe(expected.length);

    const pages = job as unknown as PageRequests;
    const ids: string[] = [];
    const sizes: number[] = [];
    do {
      const locator = pages.locator ? `&locator=${pages.locator}` : '';
      const page = await pages.createQueryRequest({
        method: 'GET',
        path: `/${job.id}/results?maxRecords=40${locator}`,
        headers: { Accept: 'text/csv' },
      });
      sizes.push(page.length);
      ids.push(...page.map((r) => r.Id as string));
    } while (pages.locator !== 'null');
    expect(sizes).toEqual(sizes.map((_, i) => Math.min(40, expected.length - 40 * i)));
    expect(sizes.length).toBeGreaterThan(1);
    expect(ids).toEqual(expected);
  });

  it('aborts and deletes a job through QueryJobV2', async () => {
    const job = new QueryJobV2(bulk.conn, {
      bodyParams: { operation: 'query', query: 'SELECT Id FROM Account' },
      pollingOptions: { pollInterval: 10, pollTimeout: 10_000 },
    });
    await job.open();
    expect((await job.abort()).state).toBe('Aborted');
    await expect(job.poll()).rejects.toThrow('Job has been aborted');
    await job.delete();
    await expect(bulk.conn.bulk2.job('query', { id: job.id as string }).check()).rejects.toMatchObject({
      errorCode: 'NOT_FOUND',
    });
  });

  it('refuses bad SOQL, and what Bulk 2.0 does not run, with the error code jsforce reports', async () => {
    // QueryJobV2.open() is the create call bulk2.query makes; bulk2.query would also fire a cleanup
    // DELETE that nothing awaits, which could outlive the test's server.
    const open = (query: string) =>
      new QueryJobV2(bulk.conn, {
        bodyParams: { operation: 'query', query },
        pollingOptions: { pollInterval: 10, pollTimeout: 10_000 },
      }).open();
    await expect(open('SELECT Nope FROM Opportunity')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    await expect(open('SELECT COUNT() FROM Opportunity')).rejects.toMatchObject({
      errorCode: 'API_ERROR',
      message: 'Aggregate functions are not supported in Bulk V2 Query',
    });
  });
});
