// The whole backend (createApp, as production builds it) on the emulator and a database of its
// own, holding the org's signing key so tests can also sign tokens the org never would.
import { generateKeyPairSync } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { startEmulator, type RunningEmulator } from '@pulse/emulator';
import { Connection } from 'jsforce';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { loadConfig, type PulseConfig } from '../../src/config/pulse-config';
import { SyncService } from '../../src/sync/sync.service';
import { eventually } from '../support/eventually';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const rsa = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whichever JSON the route answers
  body: any;
  text: string;
  headers: Headers;
}

export interface AccessStack {
  emulator: RunningEmulator;
  config: PulseConfig;
  app: INestApplication;
  db: DataSource;
  /** The org's signing key pair: the certificate the backend trusts, and its private key. */
  orgKeys: { publicKey: string; privateKey: string };
  /** The org's Id, the `iss` its tokens carry. */
  orgId: string;
  userId(username: string): string;
  /** A token from the emulator, as the org's proxy signs it. */
  userToken(username: string, options?: { viewAll?: boolean }): Promise<string>;
  /** A jsforce connection as the integration user, for changing the org the way users do. */
  orgConnection(): Promise<Connection>;
  request(path: string, init?: RequestInit & { token?: string }): Promise<Answer>;
  close(): Promise<void>;
}

export async function startAccessStack(env: Record<string, string> = {}): Promise<AccessStack> {
  const connectedApp = rsa();
  const orgKeys = rsa();
  const emulator = await startEmulator({
    connectedApp: { consumerKey: 'pulse-test', certificate: connectedApp.publicKey },
    orgSigningKey: orgKeys.privateKey,
    streaming: { longPollTimeoutMs: 2_000 },
  });
  let database: TestDatabase | undefined;
  let app: INestApplication | undefined;
  try {
    database = await createTestDatabase();
    const config = loadConfig({
      SF_LOGIN_URL: emulator.url,
      SF_CLIENT_ID: 'pulse-test',
      SF_USERNAME: 'integration@pulse.demo',
      SF_PRIVATE_KEY: connectedApp.privateKey,
      PULSE_ORG_CERTIFICATE: orgKeys.publicKey,
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
      ...env,
    });
    app = await createApp(config, { url: database.url, ssl: false });
    await app.listen(0, '127.0.0.1');
    const baseUrl = await app.getUrl();
    const sync = app.get(SyncService);
    await eventually(() => expect(sync.status.state).toBe('streaming'), 60_000, 100);
    const running = app;
    const db = database;
    return {
      emulator,
      config,
      app,
      db: app.get(DataSource),
      orgKeys,
      orgId: emulator.store.orgId,
      userId(username) {
        const user = [...emulator.store.scan('User')].find((u) => u.Username === username);
        if (!user) throw new Error(`No user ${username} in the demo org`);
        return user.Id;
      },
      async userToken(username, options = {}) {
        const response = await fetch(`${emulator.url}/emulator/user-token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, ...options }),
        });
        if (response.status !== 200) throw new Error(`user-token for ${username}: ${await response.text()}`);
        return ((await response.json()) as { token: string }).token;
      },
      async orgConnection() {
        const response = await fetch(`${emulator.url}/emulator/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'integration@pulse.demo' }),
        });
        const { accessToken } = (await response.json()) as { accessToken: string };
        return new Connection({ instanceUrl: emulator.url, accessToken, version: '66.0' });
      },
      async request(path, init = {}) {
        const { token, headers, ...rest } = init;
        const response = await fetch(`${baseUrl}${path}`, {
          ...rest,
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(headers as Record<string, string>) },
        });
        const text = await response.text();
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = undefined;
        }
        return { status: response.status, body, text, headers: response.headers };
      },
      async close() {
        await running.close();
        await emulator.close();
        await db.drop();
      },
    };
  } catch (error) {
    await app?.close();
    await emulator.close();
    await database?.drop();
    throw error;
  }
}
