// The emulator bugs the fuzzers found, each reduced to one request. These tests pin the wrong
// behaviour as it is today, so that each fails the day its bug is fixed: then delete the test and
// the matching tolerance in fuzz-known-bugs.ts, and the fuzz properties check that input too.
import { OrgStore } from '../src/org/store.ts';
import { executeSoql } from '../src/soql/index.ts';
import { startTestOrg, type TestOrg } from './support.ts';
import { send } from './fuzz-http.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

describe('known bugs found by fuzzing (each test fails once its bug is fixed)', () => {
  const soqlOnOneDeal = (text: string) => {
    const store = new OrgStore({ orgId: '00D000000000001AAA' });
    store.seed('Opportunity', {
      Name: 'Acme Logistics - Enterprise Upgrade',
      CloseDate: '2026-04-01',
      IsDeleted: false,
    });
    return executeSoql(text, store, { includeDeleted: false, apiVersion: '66.0', now: new Date('2026-04-15') });
  };

  it('throws RangeError (HTTP 500) for a date literal with a huge n; Salesforce answers 400', () => {
    expect(() => soqlOnOneDeal('SELECT Id FROM Opportunity WHERE CloseDate = LAST_N_DAYS:1000000000')).toThrow(
      RangeError,
    );
  });

  it('backtracks catastrophically on LIKE patterns with many wildcards (the event loop stalls)', () => {
    const start = performance.now();
    soqlOnOneDeal(`SELECT Id FROM Opportunity WHERE Name LIKE '${'%_'.repeat(8)}zzz'`);
    // One 35-character name takes ~250 ms here (x4 per extra '%_'); a linear matcher takes well under 1 ms.
    expect(performance.now() - start).toBeGreaterThan(50);
  });

  describe('over HTTP', () => {
    let org: TestOrg;
    let token: string;
    const post = (path: string, type: string, body: string, authorization = `Bearer ${token}`) =>
      send(org.emulator.url, { method: 'POST', path, headers: { 'content-type': type, authorization }, body });

    beforeAll(async () => {
      org = await startTestOrg();
      token = org.emulator.sessions.issue(org.emulator.demo!.adminUserId);
    });

    afterAll(() => org.emulator.close());

    it('answers a repeated q parameter with 500 (the route hands an array to SOQL); Salesforce: 400', async () => {
      const q = encodeURIComponent('SELECT Id FROM Account');
      const response = await send(org.emulator.url, {
        method: 'GET',
        path: `/services/data/v66.0/query?q=${q}&q=${q}`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(500);
    });

    it('answers a JWT assertion whose payload is null with 500; Salesforce: 400 invalid_grant', async () => {
      const part = (json: string) => Buffer.from(json).toString('base64url');
      const assertion = `${part('{"alg":"RS256","typ":"JWT"}')}.${part('null')}.c2ln`;
      const body = String(new URLSearchParams({ grant_type: JWT_BEARER, assertion }));
      const response = await post('/services/oauth2/token', 'application/x-www-form-urlencoded', body);
      expect(response.status).toBe(500);
    });

    it('answers a handshake whose supportedConnectionTypes is not an array with 500; Salesforce: a Bayeux 400', async () => {
      const body = JSON.stringify([{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: 5 }]);
      const response = await post('/cometd/66.0', 'application/json', body, `OAuth ${token}`);
      expect(response.status).toBe(500);
    });

    it("answers unparseable JSON in fastify's shape; Salesforce: [{errorCode: 'JSON_PARSER_ERROR'}]", async () => {
      const response = await post('/services/data/v66.0/sobjects/Opportunity', 'application/json', '{"Name":');
      expect(response).toMatchObject({ status: 400, json: { code: 'FST_ERR_CTP_INVALID_JSON_BODY' } });
    });

    it("answers an unknown REST resource in fastify's shape; Salesforce: [{errorCode: 'NOT_FOUND'}]", async () => {
      const response = await send(org.emulator.url, {
        method: 'GET',
        path: '/services/data/v66.0/no-such-resource',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response).toMatchObject({ status: 404, json: { error: 'Not Found', statusCode: 404 } });
    });

    it("answers a token request of another content type in fastify's shape; Salesforce: OAuth error JSON", async () => {
      const response = await post('/services/oauth2/token', 'application/xml', '<a/>');
      expect(response).toMatchObject({ status: 415, json: { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' } });
    });
  });
});
