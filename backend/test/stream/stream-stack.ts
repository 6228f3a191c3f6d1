// What the streaming tests stand on: the org emulator over HTTP, a database of their own, and one
// or more backend apps (the production createApp) started and stopped at will, plus the ways to
// change the org (jsforce, as users do; or the emulator's store for exact control) and to check
// the mirror against it row by row.
import { generateKeyPairSync } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '@pulse/emulator';
import { Connection } from 'jsforce';
import { Pool } from 'pg';
import { createApp } from '../../src/app.factory';
import { loadConfig, type PulseConfig } from '../../src/config/pulse-config';
import type { AppliedBatch } from '../../src/sync/stream/apply-pipeline';
import { SyncService, type SyncState } from '../../src/sync/sync.service';
import { eventually } from '../support/eventually';
import { expectMirrorEqualsOrg, mirrorDifferences, type Queryable } from '../support/mirror-equals-org';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

export const INTEGRATION_USER = 'integration@pulse.demo';

export interface RunningBackend {
  app: INestApplication;
  sync: SyncService;
  /** Every batch this app committed, in order. */
  batches: AppliedBatch[];
  /** Replay ids this app applied (live or from the buffer), in order. */
  applied(): number[];
  stop(): Promise<void>;
}

export interface StreamStack {
  emulator: RunningEmulator;
  database: TestDatabase;
  config: PulseConfig;
  /** The backend's environment (for a backend in a child process). */
  env: Record<string, string>;
  /** A connection of the test's own, to read the mirror and the sync's tables. */
  sql: Pool;
  /** The same, answering rows only (as TypeORM's query does). */
  rows: Queryable;
  backends: RunningBackend[];
  /** Starts a backend on the database; waits until its sync reaches `until` (default streaming). */
  start(until?: SyncState | null): Promise<RunningBackend>;
  /** jsforce against the emulated org, as the integration user. */
  org(): Promise<Connection>;
  /** The id of the org's admin, for writing straight through the emulator's store. */
  adminUserId: string;
  /** The stored replay position. */
  position(): Promise<{ replay_id: string | null; loaded_at: Date | null; load_started_at: Date | null }>;
  expectMirrorEqualsOrg(): Promise<void>;
  /** Waits until the mirror equals the org (events take a moment to arrive). */
  eventuallyEqual(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const rsa = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

export async function startStreamStack(
  options: {
    emulator?: Partial<EmulatorOptions>;
    env?: Record<string, string>;
    /** A database of the test's own (default: a fresh one on the shared test server). */
    databaseUrl?: string;
  } = {},
): Promise<StreamStack> {
  const connectedApp = rsa();
  const orgSigning = rsa();
  const emulator = await startEmulator({
    connectedApp: { consumerKey: 'pulse-test', certificate: connectedApp.publicKey },
    orgSigningKey: orgSigning.privateKey,
    streaming: { longPollTimeoutMs: 2_000 },
    demo: { opportunities: 600 },
    ...options.emulator,
  });
  const database: TestDatabase = options.databaseUrl
    ? { url: options.databaseUrl, drop: async () => undefined }
    : await createTestDatabase();
  const env: Record<string, string> = {
    SF_LOGIN_URL: emulator.url,
    SF_CLIENT_ID: 'pulse-test',
    SF_USERNAME: INTEGRATION_USER,
    SF_PRIVATE_KEY: connectedApp.privateKey,
    PULSE_ORG_CERTIFICATE: orgSigning.publicKey,
    DATABASE_URL: database.url,
    LOG_LEVEL: 'warn',
    // Polling and reconciliation would repair what streaming missed: these tests must see streaming alone.
    RECONCILE_INTERVAL_MINUTES: '0',
    // Objects without change events (OpportunityHistory...) follow by polling: quickly, so tests can compare everything.
    POLL_INTERVAL_SECONDS: '1',
    ...options.env,
  };
  const config = loadConfig(env);
  const sql = new Pool({ connectionString: database.url, max: 2 });
  sql.on('error', () => undefined); // idle connections die with a restarted server; the pool replaces them
  const rows: Queryable = { query: async (text, params) => (await sql.query(text, params)).rows };

  const stack: StreamStack = {
    emulator,
    database,
    config,
    env,
    sql,
    rows,
    backends: [],
    adminUserId: emulator.demo!.adminUserId,
    async start(until = 'streaming') {
      const app = await createApp(config, { url: database.url, ssl: false });
      await app.listen(0, '127.0.0.1'); // (listen, not init: it also flushes the logs Nest buffers at start)
      const sync = app.get(SyncService);
      const batches: AppliedBatch[] = [];
      const subscription = sync.batches.subscribe((b) => batches.push(b));
      const backend: RunningBackend = {
        app,
        sync,
        batches,
        applied: () => batches.filter((b) => b.mode !== 'buffer').flatMap((b) => b.replayIds),
        async stop() {
          subscription.unsubscribe();
          stack.backends = stack.backends.filter((b) => b !== backend);
          await app.close();
        },
      };
      stack.backends.push(backend);
      if (until) await eventually(() => expect(sync.status.state).toBe(until), 30_000);
      return backend;
    },
    async org() {
      const response = await fetch(`${emulator.url}/emulator/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: INTEGRATION_USER }),
      });
      const { accessToken } = (await response.json()) as { accessToken: string };
      return new Connection({ instanceUrl: emulator.url, accessToken, version: '66.0' });
    },
    async position() {
      const { rows } = await sql.query(`SELECT replay_id, loaded_at, load_started_at FROM sync_channel`);
      return rows[0];
    },
    expectMirrorEqualsOrg: () => expectMirrorEqualsOrg(rows, emulator.store, config.sync.objects),
    async eventuallyEqual(timeoutMs = 15_000) {
      await eventually(
        async () => expect(await mirrorDifferences(rows, emulator.store, config.sync.objects)).toEqual([]),
        timeoutMs,
        100,
      );
    },
    async close() {
      for (const backend of [...stack.backends]) await backend.stop();
      await sql.end();
      await emulator.close();
      await database.drop();
    },
  };
  return stack;
}

/** Each replay id at most once: nothing was applied twice. */
export function expectNoDuplicates(replayIds: number[]): void {
  const seen = new Set<number>();
  const twice = replayIds.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
  expect(twice).toEqual([]);
}
