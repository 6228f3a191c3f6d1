// Bulk API 2.0 query results over plain HTTP: CSV parsed back and compared with a REST query of the
// same SOQL, locator paging, the job's snapshot, queryAll, delimiters and column order.
import { recordsOf, startBulkOrg, type BulkTestOrg, type ResultPage } from './test-client.ts';

const SOQL =
  'SELECT Id, Name, Amount, Probability, CloseDate, IsWon, Account.Name, Owner.UserRole.Name, CreatedDate, ' +
  'LastActivityDate FROM Opportunity ORDER BY Name, Id';
const COLUMNS = SOQL.slice(7, SOQL.indexOf(' FROM')).split(', ');

/** A REST record's value at a dotted path, as the CSV writes it (null as '', datetimes with Z). */
function restValue(record: Record<string, unknown>, path: string): string {
  let value: unknown = record;
  for (const step of path.split('.')) value = (value as Record<string, unknown> | null)?.[step] ?? null;
  if (value === null) return '';
  if (typeof value === 'string') return value.replace(/\+0000$/, 'Z');
  return String(value);
}

/** CSV text back to comparable values: numbers parsed, so 53000.0 and 53000 compare equal. */
const comparable = (record: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k, ['Amount', 'Probability'].includes(k) && v !== '' ? Number(v) : v]),
  );

describe('Bulk API 2.0 query results', () => {
  let bulk: BulkTestOrg;
  let bigDealId: string;

  const completedJob = async (query: string, operation = 'query', version?: string) => {
    const response = await bulk.call('POST', '/jobs/query', { operation, query }, version);
    const job = (await response.json()) as { id: string };
    await bulk.waitFor(job.id, 'JobComplete');
    return job.id;
  };
  const restRecords = async (soql: string, resource = 'query') => {
    type Page = { records: Record<string, unknown>[]; nextRecordsUrl?: string };
    let page = (await (await bulk.call('GET', `/${resource}?q=${encodeURIComponent(soql)}`)).json()) as Page;
    const records = [...page.records];
    while (page.nextRecordsUrl) {
      page = (await (
        await bulk.call('GET', page.nextRecordsUrl.replace(/^\/services\/data\/v[\d.]+/, ''))
      ).json()) as Page;
      records.push(...page.records);
    }
    return records;
  };

  beforeAll(async () => {
    bulk = await startBulkOrg({ demo: { opportunities: 150, accounts: 30 }, bulk: { queuedMs: 5, processingMs: 5 } });
    const account = await bulk.conn.sobject('Account').create({ Name: 'Quote "Q", Comma, Inc.' });
    const big = await bulk.conn.sobject('Opportunity').create({
      Name: 'Big, "quoted" deal',
      AccountId: account.id,
      StageName: 'Prospecting',
      CloseDate: '2026-03-31',
      Amount: 12_345_678,
    });
    bigDealId = big.id as string;
    await bulk.conn
      .sobject('Opportunity')
      .create({ Name: 'Orphan deal', StageName: 'Prospecting', CloseDate: '2026-04-01' });
  });

  afterAll(() => bulk.close());

  it('matches a REST query of the same SOQL, row for row and column for column', async () => {
    const id = await completedJob(SOQL);
    const rest = await restRecords(SOQL);
    const pages = await bulk.allPages(id);
    expect(pages).toHaveLength(1);
    const [page] = pages;
    expect(page.contentType).toBe('text/csv');
    expect(page.locator).toBe('null');
    expect(page.numberOfRecords).toBe(rest.length);
    expect(page.rows[0]).toEqual(COLUMNS);
    expect(page.text.split('\n')[0]).toBe(COLUMNS.map((c) => `"${c}"`).join(','));
    const expected = rest.map((record) => Object.fromEntries(COLUMNS.map((c) => [c, restValue(record, c)])));
    expect(recordsOf(pages).map(comparable)).toEqual(expected.map(comparable));
  });

  it("writes Salesforce's formats: quoted values, Java doubles, true/false, empty nulls, Z datetimes", async () => {
    const id = await completedJob(
      `${SOQL.replace(' ORDER BY Name, Id', '')} WHERE Name IN ('Big, "quoted" deal', 'Orphan deal') ORDER BY Name`,
    );
    const [page] = await bulk.allPages(id);
    const [, big, orphan] = page.text.trimEnd().split('\n');
    expect(big).toMatch(
      /^"006\w{15}","Big, ""quoted"" deal","1\.2345678E7","10\.0","2026-03-31","false","Quote ""Q"", Comma, Inc\.",/,
    );
    expect(big).toMatch(/,"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z",""$/);
    expect(orphan).toMatch(/^"006\w{15}","Orphan deal","","10\.0","2026-04-01","false","",/);
  });

  it('pages by maxRecords, each page with its header row, Sforce-Locator null on the last', async () => {
    const id = await completedJob(SOQL);
    const rest = await restRecords(SOQL);
    const pages = await bulk.allPages(id, 25);
    expect(pages.map((p) => p.numberOfRecords)).toEqual(pages.map((_, i) => Math.min(25, rest.length - 25 * i)));
    expect(pages.length).toBe(Math.ceil(rest.length / 25));
    expect(pages.slice(0, -1).every((p) => p.locator !== 'null' && p.locator !== null)).toBe(true);
    expect(pages.at(-1)?.locator).toBe('null');
    expect(pages.every((p) => p.rows[0].join() === COLUMNS.join() && p.rows.length === p.numberOfRecords + 1)).toBe(
      true,
    );
    expect(recordsOf(pages).map((r) => r.Id)).toEqual(rest.map((r) => r.Id));
    // A locator names the same set of rows for as long as the job exists.
    const again = await bulk.page(id, { locator: pages[0].locator as string, maxRecords: 25 });
    expect(again.text).toBe(pages[1].text);
  });

  it('refuses a locator it did not issue and a maxRecords that is not a positive integer', async () => {
    const id = await completedJob('SELECT Id FROM Account');
    for (const params of [{ locator: 'bm90LWEtbG9jYXRvcg' }, { locator: 'OTk5OTk5' }, { maxRecords: 0 }]) {
      const page = await bulk.page(id, params);
      expect(page.status).toBe(400);
      expect(JSON.parse(page.text)).toEqual([{ errorCode: expect.any(String), message: expect.any(String) }]);
    }
    expect(JSON.parse((await bulk.page(id, { locator: 'x' })).text)[0].errorCode).toBe('INVALID_QUERY_LOCATOR');
  });

  it('keeps the rows and parent values of the moment the job ran', async () => {
    const query = "SELECT Id, Name, Account.Name FROM Opportunity WHERE Name LIKE 'Big%'";
    const id = await completedJob(query);
    const before = await bulk.allPages(id);
    const [row] = recordsOf(before);
    expect(row).toEqual({ Id: bigDealId, Name: 'Big, "quoted" deal', 'Account.Name': 'Quote "Q", Comma, Inc.' });

    const accountId = (await bulk.conn.sobject('Opportunity').retrieve(bigDealId)).AccountId as string;
    await bulk.conn.sobject('Opportunity').update({ Id: bigDealId, Name: 'Big renamed' });
    await bulk.conn.sobject('Account').update({ Id: accountId, Name: 'Renamed account' });
    await bulk.conn
      .sobject('Opportunity')
      .create({ Name: 'Big newcomer', StageName: 'Prospecting', CloseDate: '2026-05-01' });

    const after = await bulk.allPages(id);
    expect(after.map((p) => p.text)).toEqual(before.map((p) => p.text));
    const fresh = recordsOf(await bulk.allPages(await completedJob(query)));
    expect(fresh.map((r) => r.Name).sort()).toEqual(['Big newcomer', 'Big renamed']);
    expect(fresh.find((r) => r.Id === bigDealId)?.['Account.Name']).toBe('Renamed account');
  });

  it('returns deleted rows with IsDeleted=true to queryAll and hides them from query', async () => {
    const victim = (await restRecords("SELECT Id FROM Opportunity WHERE Name = 'Orphan deal'"))[0].Id as string;
    await bulk.conn.sobject('Opportunity').destroy(victim);
    const soql = 'SELECT Id, IsDeleted FROM Opportunity ORDER BY Id';

    const live = recordsOf(await bulk.allPages(await completedJob(soql, 'query')));
    const all = recordsOf(await bulk.allPages(await completedJob(soql, 'queryAll')));
    expect(live.map((r) => r.Id)).not.toContain(victim);
    expect(live.every((r) => r.IsDeleted === 'false')).toBe(true);
    expect(all.find((r) => r.Id === victim)).toEqual({ Id: victim, IsDeleted: 'true' });
    expect(all.map((r) => r.Id)).toEqual((await restRecords(soql, 'queryAll')).map((r) => r.Id));
    expect(live.map((r) => r.Id)).toEqual((await restRecords(soql, 'query')).map((r) => r.Id));
  });

  it("writes the job's column delimiter and line ending", async () => {
    const response = await bulk.call('POST', '/jobs/query', {
      operation: 'query',
      query: 'SELECT Id, Name FROM Account ORDER BY Name LIMIT 3',
      columnDelimiter: 'PIPE',
      lineEnding: 'CRLF',
    });
    const job = (await response.json()) as { id: string; columnDelimiter: string; lineEnding: string };
    expect([job.columnDelimiter, job.lineEnding]).toEqual(['PIPE', 'CRLF']);
    await bulk.waitFor(job.id, 'JobComplete');
    const page: ResultPage = await bulk.page(job.id, { delimiter: '|' });
    expect(page.text.split('\r\n')).toHaveLength(5); // header, 3 rows, and the empty text after the last CRLF
    expect(page.text.startsWith('"Id"|"Name"\r\n')).toBe(true);
    expect(page.rows.slice(1).map((r) => r[1])).toEqual(
      (await restRecords('SELECT Name FROM Account ORDER BY Name LIMIT 3')).map((r) => r.Name),
    );
  });

  it('orders columns as the SELECT does, or alphabetically for jobs before API 50.0', async () => {
    const query = 'SELECT Name, Id, Account.Name FROM Opportunity LIMIT 1';
    expect((await bulk.allPages(await completedJob(query)))[0].rows[0]).toEqual(['Name', 'Id', 'Account.Name']);
    const old = await completedJob(query, 'query', '49.0');
    const response = await bulk.call('GET', `/jobs/query/${old}/results`, undefined, '49.0');
    expect((await response.text()).split('\n')[0]).toBe('"Account.Name","Id","Name"');
  });
});
