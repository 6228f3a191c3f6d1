// The real parts wired together for end-to-end tests: the org emulator over HTTP, the backend's
// HTTP app (the same createApp as production) on a database of its own, and jsforce.
import { generateKeyPairSync } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { startEmulator, type RunningEmulator } from '@pulse/emulator';
import { Connection } from 'jsforce';
import { createApp } from '../../src/app.factory';
import { loadConfig, type PulseConfig } from '../../src/config/pulse-config';
import { SyncService } from '../../src/sync/sync.service';
import { eventually } from './eventually';
import { createTestDatabase, type TestDatabase } from './test-database';

const rsa = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

export const INTEGRATION_USER = 'integration@pulse.demo';

export interface Stack {
  emulator: RunningEmulator;
  database: TestDatabase;
  config: PulseConfig;
  app: INestApplication;
  baseUrl: string;
  /** Starts the backend (again) on the same database, and waits until it streams. */
  startBackend(): Promise<void>;
  stopBackend(): Promise<void>;
  /** A per-user token, as the Apex proxy would sign it. */
  /** A user token as the org's proxy would sign it; viewAll: the user holds Pulse_View_All_Data. */
  userToken(username?: string, options?: { viewAll?: boolean }): Promise<string>;
  /** A jsforce connection to the emulated org, for making changes the way users do. */
  orgConnection(): Promise<Connection>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whichever JSON the route answers
  api(path: string, token?: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const connectedApp = rsa();
  const orgSigning = rsa();
  const emulator = await startEmulator({
    connectedApp: { consumerKey: 'pulse-test', certificate: connectedApp.publicKey },
    orgSigningKey: orgSigning.privateKey,
    streaming: { longPollTimeoutMs: 2_000 },
  });
  const database = await createTestDatabase();
  const config = loadConfig({
    SF_LOGIN_URL: emulator.url,
    SF_CLIENT_ID: 'pulse-test',
    SF_USERNAME: INTEGRATION_USER,
    SF_PRIVATE_KEY: connectedApp.privateKey,
    PULSE_ORG_CERTIFICATE: orgSigning.publicKey,
    DATABASE_URL: database.url,
    LOG_LEVEL: 'warn',
  });

  const stack: Stack = {
    emulator,
    database,
    config,
    app: undefined as unknown as INestApplication,
    baseUrl: '',
    async startBackend() {
      stack.app = await createApp(config, { url: database.url, ssl: false });
      await stack.app.listen(0, '127.0.0.1');
      stack.baseUrl = await stack.app.getUrl();
      const sync = stack.app.get(SyncService);
      await eventually(() => expect(sync.status.state).toBe('streaming'), 20_000);
    },
    async stopBackend() {
      await stack.app.close();
    },
    async userToken(username = 'dana.whitfield@pulse.demo', options = {}) {
      const response = await fetch(`${emulator.url}/emulator/user-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, ...options }),
      });
      return ((await response.json()) as { token: string }).token;
    },
    async orgConnection() {
      const response = await fetch(`${emulator.url}/emulator/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: INTEGRATION_USER }),
      });
      const { accessToken } = (await response.json()) as { accessToken: string };
      return new Connection({ instanceUrl: emulator.url, accessToken, version: '66.0' });
    },
    async api(path, token) {
      const response = await fetch(`${stack.baseUrl}${path}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await stack.app?.close();
      await emulator.close();
      await database.drop();
    },
  };
  await stack.startBackend();
  return stack;
}
