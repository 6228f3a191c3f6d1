import { emulatorAuthorization } from '../src/emulator-token.ts';

const EXPIRES_AT = Date.parse('2026-11-24T10:15:00.000Z');

function tokenAnswer(token: string) {
  return new Response(JSON.stringify({ token, expiresAt: new Date(EXPIRES_AT).toISOString() }), {
    headers: { 'content-type': 'application/json' },
  });
}

describe('emulatorAuthorization', () => {
  it('asks the emulator for the user token and answers a Bearer header', async () => {
    const fetchFn = jest.fn(async () => tokenAnswer('jwt-1'));
    const authorization = emulatorAuthorization({
      emulatorUrl: 'http://localhost:4100',
      username: 'ava@pulse.test',
      fetch: fetchFn as unknown as typeof fetch,
    });

    await expect(authorization()).resolves.toBe('Bearer jwt-1');
    const [url, init] = fetchFn.mock.calls[0] as unknown as [URL, RequestInit];
    expect(String(url)).toBe('http://localhost:4100/emulator/user-token');
    expect(init).toMatchObject({ method: 'POST', body: '{"username":"ava@pulse.test"}' });
  });

  it('reuses the token until 30 s before it expires, with one request for concurrent callers', async () => {
    let now = EXPIRES_AT - 60_000;
    const fetchFn = jest.fn().mockResolvedValueOnce(tokenAnswer('jwt-1')).mockResolvedValueOnce(tokenAnswer('jwt-2'));
    const authorization = emulatorAuthorization({
      emulatorUrl: 'http://e',
      username: 'u',
      fetch: fetchFn,
      now: () => now,
    });

    expect(await Promise.all([authorization(), authorization()])).toEqual(['Bearer jwt-1', 'Bearer jwt-1']);
    now = EXPIRES_AT - 30_001;
    expect(await authorization()).toBe('Bearer jwt-1');
    now = EXPIRES_AT - 30_000;
    expect(await authorization()).toBe('Bearer jwt-2');
    expect(fetchFn).toHaveBeenCalledTimes(2);
  });

  it('fails with what the emulator said', async () => {
    const fetchFn = jest.fn(async () => new Response('unknown user', { status: 404 }));
    const authorization = emulatorAuthorization({ emulatorUrl: 'http://e', username: 'nobody', fetch: fetchFn });

    await expect(authorization()).rejects.toThrow('POST /emulator/user-token answered 404: unknown user');
  });
});
