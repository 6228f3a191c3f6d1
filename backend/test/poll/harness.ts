// Polling and reconciliation on their own, wired as the app wires them (the same providers, real
// PostgreSQL, the emulator over HTTP through jsforce), without the coordinator: tests decide when
// a poll or a reconciliation runs, so "within one poll" is exact.
import { generateKeyPairSync } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '@pulse/emulator';
import { Connection } from 'jsforce';
import { DataSource } from 'typeorm';
import { ConfigModule } from '../../src/config/config.module';
import { loadConfig, type PulseConfig } from '../../src/config/pulse-config';
import { dataSourceOptions } from '../../src/database/data-source';
import type { EffectiveObject } from '../../src/mirror/mirror-config';
import { SalesforceConnection } from '../../src/salesforce/salesforce-connection.service';
import { SalesforceModule } from '../../src/salesforce/salesforce.module';
import { MirrorEvents } from '../../src/sync/mirror-events.service';
import { LEADER_WORK_PROVIDERS } from '../../src/sync/poll/leader-work.providers';
import { PollingService } from '../../src/sync/poll/polling.service';
import { ReconciliationService } from '../../src/sync/reconcile/reconciliation.service';
import { SyncMetrics } from '../../src/sync/status/sync-metrics';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const rsa = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

export const INTEGRATION_USER = 'integration@pulse.demo';

export interface Harness {
  emulator: RunningEmulator;
  database: TestDatabase;
  config: PulseConfig;
  module: TestingModule;
  db: DataSource;
  polling: PollingService;
  reconciliation: ReconciliationService;
  metrics: SyncMetrics;
  /** Pulse's own connection (JWT bearer as the integration user), as the schedulers use it. */
  pulse(): Promise<Connection>;
  /** A connection for making changes in the org the way users do. */
  org(): Promise<Connection>;
  object(sobject: string): EffectiveObject;
  close(): Promise<void>;
}

/** Base configuration for the emulator and a fresh database; `env` adds or overrides variables. */
export function testEnvironment(
  emulatorUrl: string,
  databaseUrl: string,
  keys: { connectedApp: string; orgCertificate: string },
  env: Record<string, string> = {},
): Record<string, string> {
  return {
    SF_LOGIN_URL: emulatorUrl,
    SF_CLIENT_ID: 'pulse-test',
    SF_USERNAME: INTEGRATION_USER,
    SF_PRIVATE_KEY: keys.connectedApp,
    PULSE_ORG_CERTIFICATE: keys.orgCertificate,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    ...env,
  };
}

export async function startEmulatorForTest(options: Partial<EmulatorOptions> = {}): Promise<{
  emulator: RunningEmulator;
  keys: { connectedApp: string; orgCertificate: string };
}> {
  const connectedApp = rsa();
  const orgSigning = rsa();
  const emulator = await startEmulator({
    connectedApp: { consumerKey: 'pulse-test', certificate: connectedApp.publicKey },
    orgSigningKey: orgSigning.privateKey,
    streaming: { longPollTimeoutMs: 2_000 },
    ...options,
  });
  return { emulator, keys: { connectedApp: connectedApp.privateKey, orgCertificate: orgSigning.publicKey } };
}

export async function orgConnection(emulator: RunningEmulator, username = INTEGRATION_USER): Promise<Connection> {
  const response = await fetch(`${emulator.url}/emulator/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  const { accessToken } = (await response.json()) as { accessToken: string };
  return new Connection({ instanceUrl: emulator.url, accessToken, version: '66.0' });
}

export async function startHarness(
  env: Record<string, string> = {},
  emulatorOptions: Partial<EmulatorOptions> = {},
): Promise<Harness> {
  const { emulator, keys } = await startEmulatorForTest(emulatorOptions);
  const database = await createTestDatabase();
  const config = loadConfig(testEnvironment(emulator.url, database.url, keys, env));
  const module = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), TypeOrmModule.forRoot(dataSourceOptions(database.url)), SalesforceModule],
    providers: [...LEADER_WORK_PROVIDERS, SyncMetrics, MirrorEvents],
  }).compile();
  await module.init();
  return {
    emulator,
    database,
    config,
    module,
    db: module.get(DataSource),
    polling: module.get(PollingService),
    reconciliation: module.get(ReconciliationService),
    metrics: module.get(SyncMetrics),
    pulse: () => module.get(SalesforceConnection).get(),
    org: () => orgConnection(emulator),
    object(sobject) {
      const object = config.sync.objects.find((o) => o.sobject === sobject);
      if (!object) throw new Error(`${sobject} is not mirrored`);
      return object;
    },
    async close() {
      await module.close();
      await emulator.close();
      await database.drop();
    },
  };
}
