// The preview user's backend token, from the emulator: POST /emulator/user-token plays the part the
// Apex proxy's signed JWT plays in an org. Cached until shortly before it expires.
export interface EmulatorTokenOptions {
  emulatorUrl: string;
  username: string;
  /** Injected by tests. */
  fetch?: typeof fetch;
  now?: () => number;
}

const RENEW_BEFORE_MS = 30_000;

/** An `authorization` function for startPreviewServer: resolves to `Bearer <jwt>`. */
export function emulatorAuthorization(options: EmulatorTokenOptions): () => Promise<string> {
  const { emulatorUrl, username, fetch: fetchFn = fetch, now = Date.now } = options;
  let cached: { header: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function issue(): Promise<string> {
    const response = await fetchFn(new URL('/emulator/user-token', emulatorUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username }),
    });
    if (!response.ok) {
      throw new Error(`POST /emulator/user-token answered ${response.status}: ${await response.text()}`);
    }
    const { token, expiresAt } = (await response.json()) as { token: string; expiresAt: string };
    cached = { header: `Bearer ${token}`, renewAt: Date.parse(expiresAt) - RENEW_BEFORE_MS };
    return cached.header;
  }

  return () => {
    if (cached && now() < cached.renewAt) return Promise.resolve(cached.header);
    // Concurrent requests (page, script, event stream) share one token request.
    pending ??= issue().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
