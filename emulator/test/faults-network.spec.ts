// Fault injection as a client feels it: latency, a seeded share of 5xx answers and a spent API
// allocation, set and cleared through /emulator/faults and observed through jsforce or fetch.
import { Connection } from 'jsforce';
import { seededRandom } from '../src/faults/random.ts';
import { control } from './control.ts';
import { startTestOrg, type TestOrg } from './support.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const SOQL = 'SELECT Id FROM Account LIMIT 1';

describe('network and limit faults over HTTP', () => {
  let org: TestOrg;
  let conn: Connection;

  beforeAll(async () => {
    org = await startTestOrg();
    conn = new Connection({ loginUrl: org.emulator.url, version: '66.0' });
    await conn.authorize({ grant_type: JWT_BEARER, assertion: org.assertion() });
  });

  afterEach(async () => {
    expect((await control(org.emulator.url, 'faults', undefined, 'DELETE')).status).toBe(200);
  });

  afterAll(() => org.emulator.close());

  it('shows no fault in force at first, and refuses bad input with 400 and a clear message', async () => {
    expect((await control(org.emulator.url, 'faults')).body).toEqual({
      latency: null,
      failures: null,
      apiLimits: null,
    });
    const refused = async (path: string, body: unknown) =>
      (await control(org.emulator.url, `faults/${path}`, body)).body;
    expect(await refused('latency', { ms: -1 })).toEqual({
      error: 'bad_request',
      message: 'ms must be a number from 0 to 120000, got -1',
    });
    expect(await refused('failures', { rate: 2 })).toMatchObject({
      message: 'rate must be a number from 0 to 1, got 2',
    });
    expect(await refused('failures', { rate: 0.5, status: 502 })).toMatchObject({
      message: 'status must be 500 or 503, got 502',
    });
    expect(await refused('api-limits', [])).toMatchObject({ message: 'the body must be a JSON object' });
    expect(await refused('gap-events', { changeType: 'UPDATE', recordIds: ['006000000000001AAA'] })).toMatchObject({
      message: expect.stringContaining('changeType must be one of GAP_CREATE, GAP_UPDATE'),
    });
    expect((await control(org.emulator.url, 'faults/latency', { ms: -1 })).status).toBe(400);
  });

  it('adds latency to every response (a lower bound), until cleared', async () => {
    const set = await control(org.emulator.url, 'faults/latency', { ms: 150, jitterMs: 50 });
    expect(set.body).toEqual({ latency: { ms: 150, jitterMs: 50, seed: 1 } });
    const started = performance.now();
    await conn.query(SOQL);
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    expect((await control(org.emulator.url, 'faults')).body).toMatchObject({ latency: { ms: 150 } });
    await control(org.emulator.url, 'faults/latency', undefined, 'DELETE');
    expect((await control(org.emulator.url, 'faults')).body).toMatchObject({ latency: null });
  });

  it('fails about the asked share of requests with 503 SERVER_UNAVAILABLE, the same ones for the same seed', async () => {
    const attempt = async () => {
      await control(org.emulator.url, 'faults/failures', { rate: 0.3, seed: 7 });
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) {
        const response = await fetch(`${org.emulator.url}/services/data/v66.0/sobjects`, {
          headers: { authorization: `Bearer ${conn.accessToken}` },
        });
        statuses.push(response.status);
        if (response.status === 503)
          expect(await response.json()).toEqual([{ errorCode: 'SERVER_UNAVAILABLE', message: 'Server Unavailable' }]);
        else await response.arrayBuffer();
      }
      return statuses;
    };
    const first = await attempt();
    const failed = first.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThanOrEqual(40);
    expect(failed).toBeLessThanOrEqual(80);
    expect(first.every((s) => s === 200 || s === 503)).toBe(true);
    expect((await control(org.emulator.url, 'faults')).body).toMatchObject({ failures: { seen: 200, failed } });
    expect(await attempt()).toEqual(first);
  });

  it('fails a request jsforce then retries (it retries 5xx after 500 ms), and never fails the control API', async () => {
    // A seed whose first draw fails and second passes at rate 0.5: one failure, one retry.
    const seed = [...Array(100).keys()].find((n) => {
      const draw = seededRandom(n);
      return draw() < 0.5 && draw() >= 0.5;
    });
    await control(org.emulator.url, 'faults/failures', { rate: 0.5, status: 500, seed });
    await expect(conn.query(SOQL)).resolves.toMatchObject({ done: true });
    expect((await control(org.emulator.url, 'faults')).body).toMatchObject({
      failures: { seen: 2, failed: 1, status: 500 },
    });
    await control(org.emulator.url, 'faults/failures', { rate: 1, status: 500 });
    const failed = await fetch(`${org.emulator.url}/services/data/v66.0/sobjects`, {
      headers: { authorization: `Bearer ${conn.accessToken}` },
    });
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual([
      { errorCode: 'UNKNOWN_EXCEPTION', message: expect.stringContaining('An unexpected error occurred') },
    ]);
    expect((await control(org.emulator.url, 'faults')).status).toBe(200);
  });

  it('exhausts the API allocation on demand, or leaves a few requests, until cleared', async () => {
    expect((await control(org.emulator.url, 'faults/api-limits', { remaining: 0 })).body).toMatchObject({
      remaining: 0,
      max: 100_000,
    });
    await expect(conn.query(SOQL)).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });

    await control(org.emulator.url, 'faults/api-limits', { remaining: 2 });
    await conn.query(SOQL);
    await conn.query(SOQL);
    await expect(conn.query(SOQL)).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });

    await control(org.emulator.url, 'faults', undefined, 'DELETE');
    const limits = await conn.limits();
    expect(limits.DailyApiRequests.Remaining).toBeGreaterThan(99_000);
  });
});
