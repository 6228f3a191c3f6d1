// The whole backend (createApp, as production builds it) on the emulator and a database of its
// own, with configuration the shared stack does not set (metrics token, poll interval).
import type { INestApplication } from '@nestjs/common';
import type { RunningEmulator } from '@pulse/emulator';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { loadConfig, type PulseConfig } from '../../src/config/pulse-config';
import { SyncService } from '../../src/sync/sync.service';
import { orgConnection, startEmulatorForTest, testEnvironment } from '../poll/harness';
import { eventually } from '../support/eventually';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whichever JSON the route answers
  body: any;
  text: string;
  headers: Headers;
}

export interface AppStack {
  emulator: RunningEmulator;
  database: TestDatabase;
  config: PulseConfig;
  app: INestApplication;
  baseUrl: string;
  db: DataSource;
  sync: SyncService;
  userToken(username?: string): Promise<string>;
  org: () => ReturnType<typeof orgConnection>;
  request(path: string, init?: RequestInit & { token?: string }): Promise<Answer>;
  close(): Promise<void>;
}

export async function startAppStack(env: Record<string, string> = {}): Promise<AppStack> {
  const { emulator, keys } = await startEmulatorForTest();
  const database = await createTestDatabase();
  const config = loadConfig(testEnvironment(emulator.url, database.url, keys, env));
  const app = await createApp(config, { url: database.url, ssl: false });
  await app.listen(0, '127.0.0.1');
  const baseUrl = await app.getUrl();
  const sync = app.get(SyncService);
  await eventually(() => expect(sync.status.state).toBe('streaming'), 60_000, 100);
  return {
    emulator,
    database,
    config,
    app,
    baseUrl,
    db: app.get(DataSource),
    sync,
    async userToken(username = 'dana.whitfield@pulse.demo') {
      const response = await fetch(`${emulator.url}/emulator/user-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username }),
      });
      return ((await response.json()) as { token: string }).token;
    },
    org: () => orgConnection(emulator),
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
      await app.close();
      await emulator.close();
      await database.drop();
    },
  };
}
