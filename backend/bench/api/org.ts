// The emulated org around the backend: the whole demo org while the mirror is built; while the API
// is measured, the same org's users only (the same generator, flags and reference instant give the
// same user ids), which is all the API needs of it: the org id and JWT sign-in for the standby
// backend, and the per-user tokens the org's proxy would mint.
import { generateKeyPairSync } from 'node:crypto';
import { startEmulator, type RunningEmulator } from '@pulse/emulator';

export const log = (message: string) => process.stderr.write(`[bench:api] ${message}\n`);

export interface OrgKeys {
  /** The connected app's JWT bearer key pair. */
  app: { publicKey: string; privateKey: string };
  /** The org's signing certificate for per-user tokens. */
  signing: { publicKey: string; privateKey: string };
}

const rsa = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

export const orgKeys = (): OrgKeys => ({ app: rsa(), signing: rsa() });

export interface OrgShape {
  users: number;
  levels: number;
  seed: number;
}

/** The demo org with `opportunities` deals (0: its users, roles and reference data only). */
export function startOrg(shape: OrgShape, now: number, keys: OrgKeys, opportunities: number): Promise<RunningEmulator> {
  return startEmulator({
    connectedApp: { consumerKey: 'pulse-bench', certificate: keys.app.publicKey },
    orgSigningKey: keys.signing.privateKey,
    // The load alone asks for a few hundred pages; nothing here should run out of allocation.
    dailyApiRequests: 10_000_000,
    demo: { opportunities, users: shape.users, roleLevels: shape.levels, seed: shape.seed, now },
  });
}

/** The backend's configuration, as environment variables (the same validation as production). */
export function backendEnv(
  orgUrl: string,
  keys: OrgKeys,
  databaseUrl: string,
  logLevel = 'warn',
): Record<string, string> {
  return {
    SF_LOGIN_URL: orgUrl,
    SF_CLIENT_ID: 'pulse-bench',
    SF_USERNAME: 'integration@pulse.demo',
    SF_PRIVATE_KEY: keys.app.privateKey,
    PULSE_ORG_CERTIFICATE: keys.signing.publicKey,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: logLevel,
    LOG_FORMAT: 'json',
    // One token per viewer sends thousands of requests a second: the limiter still runs on each
    // request (its cost is measured), it just never says no.
    PULSE_RATE_LIMIT_PER_MINUTE: '1000000',
  };
}

/** A per-user token minted by the org, as the Apex proxy does (valid five minutes). */
export async function userToken(org: RunningEmulator, username: string): Promise<string> {
  const response = await fetch(`${org.url}/emulator/user-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!response.ok) throw new Error(`the org minted no token for ${username}: ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
