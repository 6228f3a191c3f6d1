// Per-user tokens through HTTP against the real app: only an RS256 token the org signed, for us,
// current, naming an active mirrored user, gets in; every other token gets the same bare 401.
import { createHmac, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { eventually } from '../support/eventually';
import { startAccessStack, type AccessStack } from './access-stack';

const VP = 'dana.whitfield@pulse.demo';
const REP = 'ana.souza@pulse.demo';
const UNAUTHORIZED = { statusCode: 401, message: 'The token is invalid or expired', error: 'Unauthorized' };

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const without = (claims: jwt.JwtPayload, name: string) =>
  Object.fromEntries(Object.entries(claims).filter(([k]) => k !== name));

describe('user tokens', () => {
  let stack: AccessStack;
  let now: number;
  let claims: jwt.JwtPayload;
  const sign = (payload: object, options: jwt.SignOptions = {}, key = stack.orgKeys.privateKey) =>
    jwt.sign(payload, key, { algorithm: 'RS256', ...options });
  const me = (token: string) => stack.request('/api/me', { token });

  beforeAll(async () => {
    stack = await startAccessStack();
  }, 90_000);

  afterAll(() => stack?.close());

  beforeEach(() => {
    now = Math.floor(Date.now() / 1000);
    claims = { iss: stack.orgId, sub: stack.userId(VP), aud: 'pulse', iat: now, nbf: now, exp: now + 60 };
  });

  it("lets in the org's token and maps sub to the mirrored user and their subtree", async () => {
    const { status, body } = await me(await stack.userToken(VP));
    expect(status).toBe(200);
    expect(body).toMatchObject({ userId: stack.userId(VP), name: 'Dana Whitfield', viewAll: false });
    const [user] = await stack.db.query(`SELECT user_role_id FROM sf_user WHERE salesforce_id = $1`, [body.userId]);
    expect(body.roleId).toBe(user.user_role_id);
    expect(body.visibleUserIds).toContain(stack.userId(REP)); // the VP sees the reps below
    expect((await me(await stack.userToken(REP))).body.visibleUserIds).toEqual([stack.userId(REP)]);
  });

  it('accepts a token the test signs with the same rules, with a 15-character issuer too', async () => {
    expect((await me(sign(claims))).status).toBe(200);
    expect((await me(sign({ ...claims, iss: stack.orgId.slice(0, 15) }))).status).toBe(200);
  });

  it('gives pulse_view_all: true (a boolean, nothing else) everything', async () => {
    const all = await me(await stack.userToken(REP, { viewAll: true }));
    expect(all.body).toMatchObject({ userId: stack.userId(REP), viewAll: true, visibleUserIds: null });
    const stringly = await me(sign({ ...claims, pulse_view_all: 'true' }));
    expect(stringly.body).toMatchObject({ viewAll: false });
  });

  const refused: [string, () => string][] = [
    ['another key', () => sign(claims, {}, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey as never)],
    [
      'a payload changed after signing',
      () => {
        const [header, , signature] = sign(claims).split('.');
        return `${header}.${b64({ ...claims, sub: stack.userId(REP) })}.${signature}`;
      },
    ],
    ['alg none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`],
    [
      'HS256 keyed with the public certificate',
      () => {
        const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
        const mac = createHmac('sha256', stack.orgKeys.publicKey).update(unsigned).digest('base64url');
        return `${unsigned}.${mac}`;
      },
    ],
    ['RS512 with the right key', () => sign(claims, { algorithm: 'RS512' })],
    ['PS256 with the right key', () => sign(claims, { algorithm: 'PS256' })],
    ['another org as iss', () => sign({ ...claims, iss: '00D000000000999AAA' })],
    ['no iss', () => sign(without(claims, 'iss'))],
    ['another audience', () => sign({ ...claims, aud: 'someone-else' })],
    ['no audience', () => sign(without(claims, 'aud'))],
    ['expired', () => sign({ ...claims, iat: now - 600, nbf: now - 600, exp: now - 120 })],
    ['not valid before a minute from now', () => sign({ ...claims, nbf: now + 120 })],
    ['no sub', () => sign(without(claims, 'sub'))],
    ['an empty sub', () => sign({ ...claims, sub: '' })],
    ['no exp', () => sign(without(claims, 'exp'))],
    ['an exp days away', () => sign({ ...claims, exp: now + 3 * 86_400 })],
    ['garbage', () => 'not-a-token'],
  ];

  it.each(refused)('refuses %s with a bare 401', async (_case, token) => {
    const { status, body, text } = await me(token());
    expect(status).toBe(401);
    expect(body).toEqual(UNAUTHORIZED);
    expect(text).not.toMatch(/jwt|signature|audience|issuer|algorithm|expired at|nbf/i);
  });

  it('refuses a request without a bearer token', async () => {
    expect((await stack.request('/api/me')).status).toBe(401);
    expect((await stack.request('/api/me', { headers: { authorization: `Basic ${b64({})}` } })).status).toBe(401);
    expect((await stack.request('/api/pipeline/by-stage')).status).toBe(401);
  });

  it('answers 403 for a well-signed token naming no user of the org', async () => {
    const { status, body } = await me(sign({ ...claims, sub: '005000000000999AAA' }));
    expect(status).toBe(403);
    expect(body.message).toMatch(/not an active user/);
  });

  it('answers 403 once the user is deactivated in the org, and lets them in again when reactivated', async () => {
    const org = await stack.orgConnection();
    const token = sign({ ...claims, sub: stack.userId(REP), exp: now + 600 });

    await org.sobject('User').update({ Id: stack.userId(REP), IsActive: false });
    await eventually(async () => expect((await me(token)).status).toBe(403), 20_000);
    await org.sobject('User').update({ Id: stack.userId(REP), IsActive: true });
    await eventually(async () => expect((await me(token)).status).toBe(200), 20_000);
  }, 60_000);

  describe('with the default configuration', () => {
    it('sends security headers on every answer', async () => {
      for (const answer of [await stack.request('/health'), await me(await stack.userToken(VP)), await me('x')]) {
        expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
        expect(answer.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
        expect(answer.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
        expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
        expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
        expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
        expect(answer.headers.get('cross-origin-resource-policy')).toBe('same-origin');
        expect(answer.headers.get('x-powered-by')).toBeNull();
      }
    });

    it('keeps CORS closed: no origin is allowed, preflights get no grant', async () => {
      const token = await stack.userToken(VP);
      const simple = await stack.request('/api/me', { token, headers: { origin: 'https://acme.lightning.force.com' } });
      expect(simple.status).toBe(200); // a browser would withhold it from the page: no grant below
      expect(simple.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await stack.request('/api/me', {
        method: 'OPTIONS',
        headers: { origin: 'https://acme.lightning.force.com', 'access-control-request-method': 'GET' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    });

    it('limits each user to 1200 requests a minute by default', async () => {
      const { headers } = await me(await stack.userToken(VP));
      expect(headers.get('x-ratelimit-limit')).toBe('1200');
    });
  });
});
