// A running emulator for the benchmark, with unmodified jsforce signed in through the JWT bearer
// flow exactly as Pulse's backend signs in.
import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Connection } from 'jsforce';
import { startEmulator, type DemoOrgOptions, type RunningEmulator } from '../src/index.ts';

const CONSUMER_KEY = 'bench-consumer-key';
const USERNAME = 'integration@pulse.demo';

export interface BenchOrg {
  emulator: RunningEmulator;
  conn: Connection;
}

export async function startBenchOrg(demo: DemoOrgOptions): Promise<BenchOrg> {
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const emulator = await startEmulator({
    connectedApp: { consumerKey: CONSUMER_KEY, certificate: keys.publicKey },
    demo,
    // The benchmark sends far more requests than a day's allocation: it measures speed, not limits.
    dailyApiRequests: 1_000_000_000,
    streaming: { longPollTimeoutMs: 10_000 },
  });
  const assertion = jwt.sign(
    { iss: CONSUMER_KEY, sub: USERNAME, aud: emulator.url, exp: Math.floor(Date.now() / 1000) + 300 },
    keys.privateKey,
    { algorithm: 'RS256' },
  );
  const conn = new Connection({ loginUrl: emulator.url, version: '66.0' });
  await conn.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
  return { emulator, conn };
}
