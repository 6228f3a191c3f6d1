// Fuzzing the REST API of a running emulator: any query, any sObject body, any path under
// /services/data gets a 2xx or a 4xx in Salesforce's error shape, and the org keeps serving jsforce.
import fc from 'fast-check';
import { Connection } from 'jsforce';
import { startTestOrg, type TestOrg } from './support.ts';
import { expectRestErrors, send, type RawRequest } from './fuzz-http.ts';
import { contentType, sobjectBody } from './fuzz-rest-bodies.ts';
import { vocabularyOf } from './fuzz-soql-vocabulary.ts';
import { nearValidQuery } from './fuzz-soql-mutations.ts';

const DATA = '/services/data/v66.0';
const REQUIRED = { Name: 'Fuzzed deal', StageName: 'Prospecting', CloseDate: '2026-09-30' };
/** Printable ASCII: what an HTTP header value may hold. */
const headerText = fc.string({ unit: 'grapheme-ascii', maxLength: 30 });

describe('REST API under fuzzing', () => {
  // Each property makes a few hundred requests: seconds on a busy CI machine.
  jest.setTimeout(30_000);

  let org: TestOrg;
  let conn: Connection;
  let ids: string[];
  const headers = () =>
    fc.record({
      authorization: fc.oneof(
        { weight: 8, arbitrary: fc.constant(`Bearer ${conn.accessToken}`) },
        { weight: 1, arbitrary: fc.constantFrom(`OAuth ${conn.accessToken}`, 'Bearer', 'Bearer nope', 'Basic Zm9v') },
        { weight: 1, arbitrary: headerText },
      ),
      'sforce-query-options': fc.oneof(
        fc.nat().map((n) => `batchSize=${n}`),
        headerText,
      ),
      accept: fc.constantFrom('application/json', '*/*', 'text/csv', 'application/xml'),
    });
  const request = (r: RawRequest) => send(org.emulator.url, r);

  beforeAll(async () => {
    org = await startTestOrg();
    conn = new Connection({ loginUrl: org.emulator.url, version: '66.0' });
    await conn.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: org.assertion() });
    ids = [...org.emulator.store.scan('Opportunity'), ...org.emulator.store.scan('Account')]
      .slice(0, 40)
      .map((r) => r.Id);
  });

  afterEach(async () => {
    const answer = await conn.query<{ Id: string }>('SELECT Id, Name FROM Opportunity ORDER BY CloseDate LIMIT 5');
    expect(answer.records).toHaveLength(5);
  });

  afterAll(() => org.emulator.close());

  it('answers any query text, parameter and header with records or a Salesforce error', async () => {
    // Within Node's 16 KiB request-line limit (past it the answer is a bare 431).
    const soql = fc
      .oneof(nearValidQuery(vocabularyOf(org.emulator.store)), fc.string({ unit: 'binary' }))
      .filter((q) => encodeURIComponent(q).length < 12_000);
    const extra = fc.array(fc.tuple(fc.constantFrom('q', 'batchSize', 'x'), fc.string()), { maxLength: 2 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('query', 'queryAll'), soql, extra, headers(), async (resource, q, more, h) => {
        const params = new URLSearchParams([['q', q], ...more]);
        const response = await request({ method: 'GET', path: `${DATA}/${resource}?${params}`, headers: h });
        expectRestErrors(response, { q, more, h });
        if (response.status === 200) expect(response.json).toMatchObject({ done: expect.any(Boolean) });
      }),
      { seed: 0x4e57, numRuns: 150 },
    );
  });

  it('creates an opportunity from a good body and refuses any other with a Salesforce error', async () => {
    await fc.assert(
      fc.asyncProperty(sobjectBody('Opportunity', ids, REQUIRED), contentType, headers(), async (body, type, h) => {
        const response = await request({
          method: 'POST',
          path: `${DATA}/sobjects/Opportunity`,
          headers: type ? { ...h, 'content-type': type } : h,
          body,
        });
        expectRestErrors(response, { body: body.slice(0, 300), type });
        if (response.status < 400) {
          expect(response.status).toBe(201);
          const { id } = response.json as { id: string };
          expect(response.json).toEqual({ id, success: true, errors: [] });
          expect(org.emulator.store.get('Opportunity', id)).toBeDefined();
        }
      }),
      { seed: 0x4e58, numRuns: 300 },
    );
  });

  it('updates from a good body and refuses any other body or id with a Salesforce error', async () => {
    const id = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...ids) },
      { weight: 1, arbitrary: fc.constantFrom(...ids).map((i) => i.slice(0, 15)) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }).map(encodeURIComponent) },
    );
    await fc.assert(
      fc.asyncProperty(id, sobjectBody('Opportunity', ids), contentType, headers(), async (target, body, type, h) => {
        const response = await request({
          method: 'PATCH',
          path: `${DATA}/sobjects/Opportunity/${target}`,
          headers: type ? { ...h, 'content-type': type } : h,
          body,
        });
        expectRestErrors(response, { target, body: body.slice(0, 300), type });
        if (response.status < 400) expect(response.status).toBe(204);
      }),
      { seed: 0x4e59, numRuns: 300 },
    );
  });

  it('answers any method on any path under /services/data with 2xx or a Salesforce error', async () => {
    const segment = fc.oneof(
      fc.constantFrom('sobjects', 'Opportunity', 'Account', 'describe', 'query', 'queryAll', 'limits', 'composite'),
      fc.constantFrom('jobs', 'results', '..', '.', '%2e%2e', '%zz', '', ...ids.slice(0, 3)),
      fc.webSegment(),
      fc.string({ unit: 'binary', maxLength: 12 }).map(encodeURIComponent),
    );
    const version = fc.constantFrom('v66.0', 'v58.0', 'v20.0', 'v19.0', 'v67.0', 'v66', '66.0', '', 'vX.0');
    const path = fc
      .tuple(version, fc.array(segment, { maxLength: 4 }), fc.option(fc.webQueryParameters()))
      .map(([v, segments, query]) => `/services/data/${v}/${segments.join('/')}${query ? `?${query}` : ''}`);
    const method = fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT');
    await fc.assert(
      fc.asyncProperty(method, path, sobjectBody('Account', ids), headers(), async (m, p, body, h) => {
        const withBody = m === 'POST' || m === 'PATCH' || m === 'PUT';
        const response = await request({
          method: m,
          path: p,
          headers: withBody ? { ...h, 'content-type': 'application/json' } : h,
          body: withBody ? body : undefined,
        });
        expectRestErrors(response, { m, p });
      }),
      { seed: 0x4e5a, numRuns: 400 },
    );
  });
});
