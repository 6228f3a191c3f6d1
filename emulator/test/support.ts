// Starts the emulator on a free port with fresh keys, as a test's org.
import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../src/index.ts';

export const CONSUMER_KEY = 'test-consumer-key';
export const INTEGRATION_USER = 'integration@pulse.demo';

export interface TestOrg {
  emulator: RunningEmulator;
  /** Signs a JWT bearer assertion with the connected app's key (or another key). */
  assertion(claims?: jwt.JwtPayload, key?: string): string;
}

export async function startTestOrg(options: Partial<EmulatorOptions> = {}): Promise<TestOrg> {
  const app = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const emulator = await startEmulator({
    connectedApp: { consumerKey: CONSUMER_KEY, certificate: app.publicKey },
    streaming: { longPollTimeoutMs: 1_000 },
    ...options,
  });
  return {
    emulator,
    assertion: (claims = {}, key = app.privateKey) =>
      jwt.sign(
        {
          iss: CONSUMER_KEY,
          sub: INTEGRATION_USER,
          aud: emulator.url,
          exp: Math.floor(Date.now() / 1000) + 120,
          ...claims,
        },
        key,
        { algorithm: 'RS256' },
      ),
  };
}
