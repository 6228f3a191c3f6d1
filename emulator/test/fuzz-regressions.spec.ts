// Inputs the fuzzers once broke the emulator with, each reduced to one request, now answered the
// way Salesforce answers them.
import { OrgStore } from '../src/org/store.ts';
import { executeSoql, SoqlError } from '../src/soql/index.ts';
import { startTestOrg, type TestOrg } from './support.ts';
import { send } from './fuzz-http.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

describe('inputs found by fuzzing', () => {
  const soqlOnOneDeal = (text: string) => {
    const store = new OrgStore({ orgId: '00D000000000001AAA' });
    store.seed('Opportunity', {
      Name: 'Acme Logistics - Enterprise Upgrade',
      CloseDate: '2026-04-01',
      IsDeleted: false,
    });
    return executeSoql(text, store, { includeDeleted: false, apiVersion: '66.0', now: new Date('2026-04-15') });
  };

  it('refuses a date literal whose n leaves the calendar with MALFORMED_QUERY', () => {
    expect(() => soqlOnOneDeal('SELECT Id FROM Opportunity WHERE CloseDate = LAST_N_DAYS:1000000000')).toThrow(
      SoqlError,
    );
    expect(() => soqlOnOneDeal('SELECT Id FROM Opportunity WHERE CloseDate = LAST_N_DAYS:1000000000')).toThrow(
      'invalid date literal: LAST_N_DAYS:1000000000',
    );
  });

  it('matches LIKE patterns full of wildcards correctly (a linear matcher, no regex backtracking)', () => {
    const count = (pattern: string) =>
      soqlOnOneDeal(`SELECT Id FROM Opportunity WHERE Name LIKE '${pattern}'`).totalSize;
    expect(count(`${'%_'.repeat(12)}zzz`)).toBe(0);
    expect(count(`${'%_'.repeat(12)}grade`)).toBe(1);
    expect(count('acme%upgrade')).toBe(1);
    expect(count('acme_logistics%')).toBe(1);
    expect(count('%logistics')).toBe(0);
    expect(count('\\%%')).toBe(0);
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

    it('answers a repeated q parameter with 400 MALFORMED_QUERY', async () => {
      const q = encodeURIComponent('SELECT Id FROM Account');
      const response = await send(org.emulator.url, {
        method: 'GET',
        path: `/services/data/v66.0/query?q=${q}&q=${q}`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response).toMatchObject({ status: 400, json: [{ errorCode: 'MALFORMED_QUERY' }] });
    });

    it('answers a JWT assertion whose payload is null with 400 invalid_grant', async () => {
      const part = (json: string) => Buffer.from(json).toString('base64url');
      for (const payload of ['null', 'not json']) {
        const assertion = `${part('{"alg":"RS256","typ":"JWT"}')}.${part(payload)}.c2ln`;
        const body = String(new URLSearchParams({ grant_type: JWT_BEARER, assertion }));
        const response = await post('/services/oauth2/token', 'application/x-www-form-urlencoded', body);
        expect(response).toMatchObject({
          status: 400,
          json: { error: 'invalid_grant', error_description: 'invalid assertion' },
        });
      }
    });

    it('answers a handshake whose supportedConnectionTypes is not an array with a Bayeux failure', async () => {
      const body = JSON.stringify([{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: 5 }]);
      const response = await post('/cometd/66.0', 'application/json', body, `OAuth ${token}`);
      expect(response.status).toBeLessThan(500);
      expect(response.json).toEqual([
        expect.objectContaining({
          channel: '/meta/handshake',
          successful: false,
          error: expect.stringMatching(/^\d{3}::/),
        }),
      ]);
    });

    it('answers unparseable JSON with JSON_PARSER_ERROR', async () => {
      const response = await post('/services/data/v66.0/sobjects/Opportunity', 'application/json', '{"Name":');
      expect(response).toMatchObject({ status: 400, json: [{ errorCode: 'JSON_PARSER_ERROR' }] });
    });

    it('answers an unknown REST resource with NOT_FOUND', async () => {
      const response = await send(org.emulator.url, {
        method: 'GET',
        path: '/services/data/v66.0/no-such-resource',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response).toMatchObject({ status: 404, json: [{ errorCode: 'NOT_FOUND' }] });
    });

    it('answers a token request of another content type with OAuth error JSON', async () => {
      const response = await post('/services/oauth2/token', 'application/xml', '<a/>');
      expect(response).toMatchObject({ status: 400, json: { error: 'invalid_request' } });
    });
  });
});
