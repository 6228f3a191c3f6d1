// Fuzzing the OAuth endpoints: any form, any JSON Web Token (signed right, signed wrong, not signed,
// with any header and claims) gets a token or OAuth's error JSON, never a 5xx.
import { createSign, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { Connection } from 'jsforce';
import { startTestOrg, INTEGRATION_USER, type TestOrg } from './support.ts';
import { expectHandled, send, type RawResponse } from './fuzz-http.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const CONSUMER_KEY = 'fuzz-consumer-key';
const keyPair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const appKey = keyPair();
const strangerKey = keyPair();

const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** A compact JWS from its parts (JSON text, or not); `key` null leaves it unsigned. */
function token(header: string, payload: string, key: 'app' | 'stranger' | null): string {
  const signingInput = `${b64(header)}.${b64(payload)}`;
  if (key === null) return `${signingInput}.`;
  const signature = createSign('RSA-SHA256')
    .update(signingInput)
    .sign((key === 'app' ? appKey : strangerKey).privateKey, 'base64url');
  return `${signingInput}.${signature}`;
}

/** OAuth's error body: {error, error_description}. */
function expectOAuthAnswer(response: RawResponse, request: unknown): void {
  expectHandled(response, request);
  if (response.status === 200) {
    expect(response.json).toMatchObject({ access_token: expect.any(String), instance_url: expect.any(String) });
    return;
  }
  expect([400, 401, 413, 415]).toContain(response.status);
  expect(response.json).toEqual({ error: expect.any(String), error_description: expect.any(String) });
}

describe('OAuth endpoints under fuzzing', () => {
  // Each property makes a few hundred requests: seconds on a busy CI machine.
  jest.setTimeout(30_000);

  let org: TestOrg;

  beforeAll(async () => {
    const certificate = appKey.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    org = await startTestOrg({ connectedApp: { consumerKey: CONSUMER_KEY, certificate } });
  });

  afterEach(async () => {
    const conn = new Connection({ loginUrl: org.emulator.url, version: '66.0' });
    const claims = { iss: CONSUMER_KEY, sub: INTEGRATION_USER, aud: org.emulator.url, exp: Date.now() / 1000 + 60 };
    const assertion = token(JSON.stringify({ alg: 'RS256', typ: 'JWT' }), JSON.stringify(claims), 'app');
    await conn.authorize({ grant_type: JWT_BEARER, assertion });
    expect((await conn.query('SELECT Id FROM Opportunity LIMIT 3')).records).toHaveLength(3);
  });

  afterAll(() => org.emulator.close());

  it('answers any token request with a token or an OAuth error', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claim = <T>(good: T) => fc.oneof({ weight: 4, arbitrary: fc.constant(good) }, fc.jsonValue({ maxDepth: 1 }));
    const claims = fc.record(
      {
        iss: claim(CONSUMER_KEY),
        sub: claim(INTEGRATION_USER),
        aud: claim(org.emulator.url),
        exp: fc.oneof(claim(now + 60), fc.integer({ min: now - 600, max: now + 600 })),
        nbf: fc.integer({ min: now - 600, max: now + 600 }),
      },
      { requiredKeys: [] },
    );
    const header = fc.oneof(
      { weight: 4, arbitrary: fc.constant({ alg: 'RS256', typ: 'JWT' }) },
      fc.record({ alg: fc.constantFrom('RS256', 'HS256', 'none', 'ES256'), typ: fc.jsonValue({ maxDepth: 0 }) }),
      fc.jsonValue({ maxDepth: 1 }),
    );
    const payload = fc.oneof({ weight: 4, arbitrary: claims }, fc.jsonValue({ maxDepth: 2 }));
    /** Mostly JSON, sometimes any text (a segment need not be JSON at all). */
    const text = (json: fc.Arbitrary<unknown>) =>
      fc.oneof({ weight: 6, arbitrary: json.map((v) => JSON.stringify(v) ?? '') }, fc.string());
    const jwt = fc
      .tuple(text(header), text(payload), fc.constantFrom('app' as const, 'stranger' as const, null))
      .map(([h, p, key]) => token(h, p, key));
    const assertion = fc.oneof({ weight: 4, arbitrary: jwt }, fc.string(), fc.constantFrom('a.b.c', '..', 'e30.e30.'));
    const field = fc.tuple(
      fc.constantFrom('grant_type', 'assertion', 'client_id', 'refresh_token', 'client_secret', 'format'),
      fc.oneof(fc.constantFrom(JWT_BEARER, 'refresh_token', 'password', CONSUMER_KEY), fc.string()),
    );
    const form = fc
      .tuple(
        fc.constantFrom(JWT_BEARER, JWT_BEARER, JWT_BEARER, 'refresh_token', 'password', ''),
        assertion,
        fc.array(field, { maxLength: 2 }),
      )
      .map(([grant, a, more]) => new URLSearchParams([['grant_type', grant], ['assertion', a], ...more]));
    const encoding = fc.constantFrom('form', 'form', 'form', 'json', 'text', 'none');
    await fc.assert(
      fc.asyncProperty(form, encoding, async (params, how) => {
        const body =
          how === 'json' ? JSON.stringify(Object.fromEntries(params)) : how === 'none' ? undefined : String(params);
        const types: Record<string, string> = {
          form: 'application/x-www-form-urlencoded',
          json: 'application/json',
          text: 'text/plain',
        };
        const type = types[how];
        const response = await send(org.emulator.url, {
          method: 'POST',
          path: '/services/oauth2/token',
          headers: type ? { 'content-type': type } : {},
          body,
        });
        expectOAuthAnswer(response, { how, body: String(params).slice(0, 400) });
      }),
      { seed: 0x0a07, numRuns: 400 },
    );
  });

  it('answers any method on any path of the OAuth and identity endpoints without a 5xx', async () => {
    const segment = fc.oneof(
      fc.constantFrom('token', 'revoke', 'userinfo', 'authorize', org.emulator.store.orgId, '..', '%zz', ''),
      fc.webSegment(),
    );
    const path = fc
      .tuple(fc.constantFrom('/services/oauth2', '/id', '/services'), fc.array(segment, { maxLength: 3 }))
      .map(([root, segments]) => [root, ...segments].join('/'));
    const method = fc.constantFrom('GET', 'POST', 'DELETE', 'PUT');
    const authorization = fc.constantFrom(
      '',
      'Bearer nope',
      `Bearer ${org.emulator.sessions.issue(org.emulator.demo!.adminUserId)}`,
    );
    await fc.assert(
      fc.asyncProperty(method, path, authorization, fc.string(), async (m, p, auth, body) => {
        const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
        if (auth) headers.authorization = auth;
        const response = await send(org.emulator.url, {
          method: m,
          path: p,
          headers,
          body: m === 'GET' ? undefined : body,
        });
        expectHandled(response, { m, p });
      }),
      { seed: 0x0a09, numRuns: 200 },
    );
  });

  it('answers any revocation with 200 or an OAuth error', async () => {
    const revoke = fc.oneof(fc.string(), fc.constant(org.emulator.sessions.issue(org.emulator.demo!.adminUserId)));
    await fc.assert(
      fc.asyncProperty(revoke, fc.boolean(), async (value, inQuery) => {
        const params = new URLSearchParams({ token: value });
        const response = await send(org.emulator.url, {
          method: 'POST',
          path: `/services/oauth2/revoke${inQuery ? `?${params}` : ''}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: inQuery ? '' : String(params),
        });
        expectHandled(response, { value, inQuery });
        if (response.status !== 200) expectOAuthAnswer(response, { value, inQuery });
      }),
      { seed: 0x0a08, numRuns: 150 },
    );
  });
});
