// POST /emulator/user-token: the per-user token Pulse's Apex proxy signs in a real org, minted for
// local runs and tests. The backend verifies these exactly as it verifies the org's.
import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { control } from './control.ts';
import { startTestOrg, type TestOrg } from './support.ts';

const REP = 'ana.souza@pulse.demo';

describe('POST /emulator/user-token', () => {
  const signing = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  let org: TestOrg;
  let unsigned: TestOrg;

  beforeAll(async () => {
    org = await startTestOrg({ orgSigningKey: signing.privateKey });
    unsigned = await startTestOrg();
  });

  afterAll(async () => {
    await org.emulator.close();
    await unsigned.emulator.close();
  });

  const userId = (username: string) =>
    [...org.emulator.store.scan('User')].find((u) => u.Username === username)!.Id as string;
  const verify = (token: string) =>
    jwt.verify(token, signing.publicKey, { algorithms: ['RS256'], audience: 'pulse' }) as jwt.JwtPayload;

  it("signs RS256 for the user, as the org's proxy does: iss org, sub user, aud pulse, five minutes", async () => {
    const { status, body } = await control<{ token: string; expiresAt: string }>(org.emulator.url, 'user-token', {
      username: REP,
    });
    expect(status).toBe(200);
    expect(jwt.decode(body.token, { complete: true })?.header.alg).toBe('RS256');
    const claims = verify(body.token);
    expect(claims).toMatchObject({ iss: org.emulator.store.orgId, sub: userId(REP), aud: 'pulse' });
    expect(claims.exp! - claims.iat!).toBe(300);
    expect(claims.nbf).toBe(claims.iat);
    expect(new Date(body.expiresAt).getTime()).toBe(claims.exp! * 1000);
    expect(claims).not.toHaveProperty('pulse_view_all');
  });

  it('adds pulse_view_all for viewAll: true, as the proxy does for Pulse_View_All_Data holders', async () => {
    const all = await control<{ token: string }>(org.emulator.url, 'user-token', { username: REP, viewAll: true });
    expect(verify(all.body.token)).toMatchObject({ sub: userId(REP), pulse_view_all: true });
    const own = await control<{ token: string }>(org.emulator.url, 'user-token', { username: REP, viewAll: false });
    expect(verify(own.body.token)).not.toHaveProperty('pulse_view_all');
  });

  it('refuses a viewAll that is not a boolean', async () => {
    const { status, body } = await control(org.emulator.url, 'user-token', { username: REP, viewAll: 'yes' });
    expect(status).toBe(400);
    expect(body).toMatchObject({ message: 'viewAll must be true or false' });
  });

  it('refuses unknown and inactive users', async () => {
    const unknown = await control(org.emulator.url, 'user-token', { username: 'nobody@pulse.demo' });
    expect(unknown).toMatchObject({ status: 400, body: { message: 'username must name an active user of the org' } });
    const missing = await control(org.emulator.url, 'user-token', {});
    expect(missing.status).toBe(400);

    org.emulator.store.writeSilently('User', userId(REP), { IsActive: false });
    try {
      expect((await control(org.emulator.url, 'user-token', { username: REP })).status).toBe(400);
    } finally {
      org.emulator.store.writeSilently('User', userId(REP), { IsActive: true });
    }
  });

  it('issues nothing without an org signing key', async () => {
    const { status, body } = await control(unsigned.emulator.url, 'user-token', { username: REP });
    expect(status).toBe(404);
    expect(body).toMatchObject({ error: 'not_configured' });
  });
});
