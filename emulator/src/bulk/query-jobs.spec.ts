// Bulk API 2.0 query jobs over plain HTTP: the job's shape and life (queued, running, complete,
// aborted, deleted), listing, and every refusal with its status code and Salesforce error array.
import { startBulkOrg, type BulkTestOrg, type Json } from './test-client.ts';

// Long enough for a test to act while a job is queued or running.
const STEP_MS = 250;
const UNKNOWN_JOB = '7505g00000ZZZZZAAA';

const CREATED_KEYS = ['id', 'operation', 'object', 'createdById', 'createdDate', 'systemModstamp', 'state'];
const COMMON_KEYS = [...CREATED_KEYS, 'concurrencyMode', 'contentType', 'apiVersion'];
const LISTED_KEYS = [...COMMON_KEYS, 'jobType', 'lineEnding', 'columnDelimiter'];
const DETAIL_KEYS = [
  ...LISTED_KEYS,
  'numberRecordsProcessed',
  'retries',
  'totalProcessingTime',
  'isPkChunkingSupported',
];

describe('Bulk API 2.0 query jobs', () => {
  let bulk: BulkTestOrg;
  let userId: string;

  const info = async (id: string) => (await (await bulk.call('GET', `/jobs/query/${id}`)).json()) as Json;
  const errorOf = async (response: Response) => ({ status: response.status, body: (await response.json()) as Json[] });
  const countOf = async (soql: string) =>
    ((await (await bulk.call('GET', `/query?q=${encodeURIComponent(soql)}`)).json()) as { totalSize: number })
      .totalSize;
  const newJob = (query = 'SELECT Id FROM Opportunity') => bulk.createJob({ operation: 'query', query });

  beforeAll(async () => {
    bulk = await startBulkOrg({
      demo: { opportunities: 150, accounts: 30 },
      bulk: { queuedMs: STEP_MS, processingMs: STEP_MS },
    });
    userId = (await bulk.conn.identity()).user_id;
  });

  afterAll(() => bulk.close());

  it('creates a job as Salesforce describes it: 750 id, UploadComplete, apiVersion a number', async () => {
    const response = await bulk.call('POST', '/jobs/query', { operation: 'queryAll', query: 'SELECT Id FROM Account' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await response.text();
    expect(text).toContain('"apiVersion":66.0,');
    const job = JSON.parse(text) as Json;
    expect(Object.keys(job)).toEqual([...COMMON_KEYS, 'lineEnding', 'columnDelimiter']);
    expect(job).toMatchObject({
      operation: 'queryAll',
      object: 'Account',
      createdById: userId,
      state: 'UploadComplete',
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: 66,
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
    });
    expect(job.id).toMatch(/^750[a-zA-Z0-9]{15}$/);
    expect(job.createdDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+0000$/);
  });

  it('moves UploadComplete -> InProgress -> JobComplete, then reports the records processed', async () => {
    const job = await newJob();
    const running = await bulk.waitFor(job.id as string, 'InProgress');
    expect((await info(job.id as string)).numberRecordsProcessed).toBe(0);
    const seen = [...running, ...(await bulk.waitFor(job.id as string, 'JobComplete')).slice(1)];
    expect(seen).toEqual(['UploadComplete', 'InProgress', 'JobComplete']);
    const done = await info(job.id as string);
    expect(Object.keys(done)).toEqual(DETAIL_KEYS);
    expect(done).toMatchObject({
      jobType: 'V2Query',
      numberRecordsProcessed: await countOf('SELECT Id FROM Opportunity'),
      retries: 0,
      isPkChunkingSupported: true,
    });
    expect(done.totalProcessingTime).toEqual(expect.any(Number));
    expect(Date.parse(String(done.systemModstamp).replace('+0000', 'Z'))).toBeGreaterThanOrEqual(
      Date.parse(String(done.createdDate).replace('+0000', 'Z')),
    );
  });

  it('refuses results until the job is complete', async () => {
    const job = await newJob();
    const early = await errorOf(await bulk.call('GET', `/jobs/query/${job.id}/results`));
    expect(early.status).toBe(400);
    expect(early.body).toEqual([{ errorCode: 'INVALIDJOBSTATE', message: expect.stringContaining('UploadComplete') }]);
    await bulk.waitFor(job.id as string, 'JobComplete');
    expect((await bulk.call('GET', `/jobs/query/${job.id}/results`)).status).toBe(200);
  });

  it('takes its snapshot when it runs, not when it is created', async () => {
    const job = await newJob("SELECT Id FROM Opportunity WHERE Name = 'Queued meanwhile'");
    await bulk.conn
      .sobject('Opportunity')
      .create({ Name: 'Queued meanwhile', StageName: 'Prospecting', CloseDate: '2026-06-01' });
    expect((await info(job.id as string)).state).toBe('UploadComplete');
    await bulk.waitFor(job.id as string, 'JobComplete');
    expect((await bulk.allPages(job.id as string))[0].numberOfRecords).toBe(1);
  });

  it("lists the org's query jobs", async () => {
    const job = await newJob();
    const response = await bulk.call('GET', '/jobs/query');
    const list = (await response.json()) as { done: boolean; records: Json[]; nextRecordsUrl: string | null };
    expect(list.done).toBe(true);
    expect(list.nextRecordsUrl).toBeNull();
    const listed = list.records.find((r) => r.id === job.id);
    expect(listed && Object.keys(listed)).toEqual(LISTED_KEYS);
    expect(listed).toMatchObject({ jobType: 'V2Query', state: 'UploadComplete' });
    const ingest = (await (await bulk.call('GET', '/jobs/query?jobType=V2Ingest')).json()) as { records: Json[] };
    expect(ingest.records).toEqual([]);
  });

  it('aborts a queued or running job, and no other', async () => {
    const queued = await newJob();
    const aborted = await bulk.call('PATCH', `/jobs/query/${queued.id}`, { state: 'Aborted' });
    expect(aborted.status).toBe(200);
    const body = (await aborted.json()) as Json;
    expect(Object.keys(body)).toEqual(COMMON_KEYS);
    expect(body.state).toBe('Aborted');

    const running = await newJob();
    await bulk.waitFor(running.id as string, 'InProgress');
    expect((await bulk.call('PATCH', `/jobs/query/${running.id}`, { state: 'Aborted' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, STEP_MS * 2));
    for (const id of [queued.id, running.id]) {
      expect((await info(id as string)).state).toBe('Aborted');
      const results = await errorOf(await bulk.call('GET', `/jobs/query/${id}/results`));
      expect([results.status, results.body[0].errorCode]).toEqual([400, 'INVALIDJOBSTATE']);
    }

    const again = await errorOf(await bulk.call('PATCH', `/jobs/query/${queued.id}`, { state: 'Aborted' }));
    expect([again.status, again.body[0].errorCode]).toEqual([400, 'INVALIDJOBSTATE']);
    const reopen = await errorOf(await bulk.call('PATCH', `/jobs/query/${running.id}`, { state: 'UploadComplete' }));
    expect([reopen.status, reopen.body[0].errorCode]).toEqual([400, 'INVALIDJOBSTATE']);
  });

  it('deletes only a finished job, with 204, after which it is gone', async () => {
    const job = await newJob();
    const early = await errorOf(await bulk.call('DELETE', `/jobs/query/${job.id}`));
    expect(early).toEqual({
      status: 400,
      body: [
        {
          errorCode: 'API_ERROR',
          message: 'Error encountered when deleting the job because the job is not terminated',
        },
      ],
    });
    await bulk.waitFor(job.id as string, 'JobComplete');
    const deleted = await bulk.call('DELETE', `/jobs/query/${job.id}`);
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect((await bulk.call('GET', `/jobs/query/${job.id}`)).status).toBe(404);
    const list = (await (await bulk.call('GET', '/jobs/query')).json()) as { records: Json[] };
    expect(list.records.map((r) => r.id)).not.toContain(job.id);
  });

  it('answers an unknown job id with 404 NOT_FOUND', async () => {
    const calls: [string, string, unknown?][] = [
      ['GET', `/jobs/query/${UNKNOWN_JOB}`],
      ['PATCH', `/jobs/query/${UNKNOWN_JOB}`, { state: 'Aborted' }],
      ['DELETE', `/jobs/query/${UNKNOWN_JOB}`],
      ['GET', `/jobs/query/${UNKNOWN_JOB}/results`],
    ];
    for (const [method, path, body] of calls) {
      expect(await errorOf(await bulk.call(method, path, body))).toEqual({
        status: 404,
        body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
      });
    }
  });

  it('refuses what Bulk API 2.0 does not run, and accepts ORDER BY and LIMIT', async () => {
    const refused = {
      'SELECT COUNT() FROM Opportunity': 'Aggregate functions are not supported in Bulk V2 Query',
      'SELECT StageName, SUM(Amount) FROM Opportunity GROUP BY StageName':
        'Aggregate functions are not supported in Bulk V2 Query',
      'SELECT StageName FROM Opportunity GROUP BY StageName': 'GROUP BY is not supported in Bulk V2 Query',
      'SELECT Id FROM Opportunity OFFSET 10': 'OFFSET is not supported in Bulk V2 Query',
      'SELECT Id, (SELECT Id FROM Opportunities) FROM Account':
        'Aggregate Relationships not supported in Bulk V2 Query with CSV content type',
    };
    for (const [query, message] of Object.entries(refused)) {
      const response = await bulk.call('POST', '/jobs/query', { operation: 'query', query });
      expect(await errorOf(response)).toEqual({ status: 400, body: [{ errorCode: 'API_ERROR', message }] });
    }
    const ordered = { operation: 'query', query: 'SELECT Id FROM Opportunity ORDER BY Amount DESC NULLS LAST LIMIT 5' };
    expect((await bulk.call('POST', '/jobs/query', ordered)).status).toBe(200);
  });

  it('reports bad SOQL exactly as the REST query does', async () => {
    const queries = [
      'SELECT Nope FROM Opportunity',
      'SELECT Id FROM Nothing',
      'SELECT Id FROM Opportunity WHERE',
      "SELECT Id FROM Opportunity WHERE Amount = 'lots'",
      'SELECT Id, Owner.Nope FROM Opportunity',
    ];
    for (const query of queries) {
      const bulkError = await errorOf(await bulk.call('POST', '/jobs/query', { operation: 'query', query }));
      const restError = await errorOf(await bulk.call('GET', `/query?q=${encodeURIComponent(query)}`));
      expect(bulkError).toEqual(restError);
      expect(bulkError.status).toBe(400);
    }
  });

  it('rejects a malformed request body with a Salesforce error array', async () => {
    const bodies: unknown[] = [
      'not json',
      { operation: 'insert', query: 'SELECT Id FROM Account' },
      { operation: 'query' },
      { operation: 'query', query: 'SELECT Id FROM Account', columnDelimiter: 'COLON' },
      { operation: 'query', query: 'SELECT Id FROM Account', lineEnding: 'CR' },
      { operation: 'query', query: 'SELECT Id FROM Account', contentType: 'JSON' },
    ];
    const codes = [];
    for (const body of bodies) {
      const { status, body: errors } = await errorOf(await bulk.call('POST', '/jobs/query', body));
      expect(status).toBe(400);
      codes.push(errors[0].errorCode);
    }
    expect(codes).toEqual(['JSON_PARSER_ERROR', 'API_ERROR', 'API_ERROR', 'API_ERROR', 'API_ERROR', 'API_ERROR']);
  });

  it('serves API 47.0 and later, and results only in the version that created the job', async () => {
    const old = await errorOf(
      await bulk.call('POST', '/jobs/query', { operation: 'query', query: 'SELECT Id FROM Account' }, '46.0'),
    );
    expect(old).toEqual({
      status: 404,
      body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
    });
    const job = await newJob();
    expect((await bulk.call('GET', `/jobs/query/${job.id}`, undefined, '65.0')).status).toBe(200);
    expect((await bulk.call('GET', `/jobs/query/${job.id}/results`, undefined, '65.0')).status).toBe(409);
  });

  it('needs a live session, as every REST call', async () => {
    const response = await fetch(`${bulk.org.emulator.url}/services/data/v66.0/jobs/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer nope' },
      body: JSON.stringify({ operation: 'query', query: 'SELECT Id FROM Account' }),
    });
    expect(await errorOf(response)).toEqual({
      status: 401,
      body: [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }],
    });
  });
});
