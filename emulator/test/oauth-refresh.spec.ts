// Sessions that expire and come back: the refresh token flow through jsforce's OAuth2, jsforce's
// automatic refresh after a 401, and revocation of a refresh token with its access tokens.
import { Connection, OAuth2 } from 'jsforce';
import { CONSUMER_KEY, INTEGRATION_USER, startTestOrg, type TestOrg } from './support.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const SOQL = 'SELECT Id FROM Account LIMIT 1';

/** A session from the dev endpoint, as the web server flow would give one: with a refresh token. */
async function devSession(org: TestOrg): Promise<{ accessToken: string; refreshToken: string }> {
  const response = await fetch(`${org.emulator.url}/emulator/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: INTEGRATION_USER }),
  });
  return (await response.json()) as { accessToken: string; refreshToken: string };
}

describe('OAuth refresh and revocation over HTTP', () => {
  let org: TestOrg;
  let now = Date.now();
  let oauth2: OAuth2;

  beforeAll(async () => {
    org = await startTestOrg({ clock: () => now, sessionLifetimeMs: 60_000 });
    oauth2 = new OAuth2({ loginUrl: org.emulator.url, clientId: CONSUMER_KEY });
  });

  afterAll(() => org.emulator.close());

  const expireSessions = () =>
    fetch(`${org.emulator.url}/emulator/faults/sessions/expire`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });

  it('issues no refresh token from the JWT bearer flow', async () => {
    const body = new URLSearchParams({ grant_type: JWT_BEARER, assertion: org.assertion() });
    const response = await fetch(`${org.emulator.url}/services/oauth2/token`, { method: 'POST', body });
    const token = (await response.json()) as Record<string, string>;
    expect(token).toMatchObject({ access_token: expect.any(String), token_type: 'Bearer' });
    expect(token).not.toHaveProperty('refresh_token');
  });

  it('refreshes through jsforce OAuth2.refreshToken, and refuses a bad token or another app', async () => {
    const { refreshToken } = await devSession(org);
    const answer = await oauth2.refreshToken(refreshToken);
    expect(answer).toMatchObject({
      instance_url: org.emulator.url,
      id: expect.stringContaining(`/id/${org.emulator.store.orgId}/`),
      token_type: 'Bearer',
    });
    expect(answer).not.toHaveProperty('refresh_token');
    const conn = new Connection({ instanceUrl: org.emulator.url, accessToken: answer.access_token, version: '66.0' });
    await expect(conn.query(SOQL)).resolves.toMatchObject({ done: true });

    await expect(oauth2.refreshToken('5Aep861nope')).rejects.toMatchObject({
      name: 'invalid_grant',
      message: 'expired access/refresh token',
    });
    const stranger = new OAuth2({ loginUrl: org.emulator.url, clientId: 'someone-else' });
    await expect(stranger.refreshToken(refreshToken)).rejects.toMatchObject({ name: 'invalid_client_id' });
  });

  it("refreshes an expired session with jsforce's oauth2 refresh and retries the call", async () => {
    const { accessToken, refreshToken } = await devSession(org);
    const conn = new Connection({
      oauth2: { loginUrl: org.emulator.url, clientId: CONSUMER_KEY },
      instanceUrl: org.emulator.url,
      accessToken,
      refreshToken,
      version: '66.0',
    });
    const refreshed: string[] = [];
    conn.on('refresh', (token: string) => refreshed.push(token));
    expect((await expireSessions()).status).toBe(200);
    await expect(conn.query(SOQL)).resolves.toMatchObject({ done: true });
    expect(refreshed).toHaveLength(1);
    expect(conn.accessToken).toBe(refreshed[0]);
    expect(conn.accessToken).not.toBe(accessToken);
  });

  it('runs a Connection refreshFn once the access token lifetime has passed', async () => {
    let refreshes = 0;
    const conn = new Connection({
      loginUrl: org.emulator.url,
      version: '66.0',
      // What Pulse's backend does: sign a new JWT bearer assertion.
      refreshFn: (c, callback) => {
        refreshes++;
        const fresh = new Connection({ loginUrl: org.emulator.url, version: '66.0' });
        fresh.authorize({ grant_type: JWT_BEARER, assertion: org.assertion() }).then(
          () => callback(null, fresh.accessToken!),
          (error: Error) => callback(error),
        );
      },
    });
    await conn.authorize({ grant_type: JWT_BEARER, assertion: org.assertion() });
    await conn.query(SOQL);
    expect(refreshes).toBe(0);
    now += 61_000;
    await expect(conn.query(SOQL)).resolves.toMatchObject({ done: true });
    expect(refreshes).toBe(1);
  });

  it('revokes a refresh token together with the access tokens it minted', async () => {
    const { refreshToken } = await devSession(org);
    const { access_token: minted } = await oauth2.refreshToken(refreshToken);
    const conn = new Connection({ instanceUrl: org.emulator.url, accessToken: minted, version: '66.0' });
    await conn.query(SOQL);
    await oauth2.revokeToken(refreshToken);
    await expect(conn.query(SOQL)).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
    await expect(oauth2.refreshToken(refreshToken)).rejects.toMatchObject({ name: 'invalid_grant' });
  });

  it('expires one user’s sessions only', async () => {
    const mine = await devSession(org);
    const theirs = (await (
      await fetch(`${org.emulator.url}/emulator/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'dana.whitfield@pulse.demo' }),
      })
    ).json()) as { accessToken: string };
    const response = await fetch(`${org.emulator.url}/emulator/faults/sessions/expire`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'dana.whitfield@pulse.demo' }),
    });
    expect(await response.json()).toEqual({ expired: 1 });
    const as = (accessToken: string) =>
      new Connection({ instanceUrl: org.emulator.url, accessToken, version: '66.0' }).query(SOQL);
    await expect(as(mine.accessToken)).resolves.toMatchObject({ done: true });
    await expect(as(theirs.accessToken)).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
  });
});
