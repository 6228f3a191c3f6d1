// What the load tests stand on: the emulated org over HTTP, a migrated database of their own, a
// jsforce connection and the real BulkLoader (no Nest app: nothing else writes to the mirror).
import { generateKeyPairSync } from 'node:crypto';
import { Logger, type LoggerService } from '@nestjs/common';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '@pulse/emulator';
import { Connection } from 'jsforce';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { BulkLoader, type BulkLoaderOptions } from '../../src/sync/load/bulk-loader.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

export const INTEGRATION_USER = 'integration@pulse.demo';

/** Keeps what the loader logs, so tests can read it (and the test output stays quiet). */
export class LogLines implements LoggerService {
  readonly lines: { level: string; message: string }[] = [];
  log = (message: unknown) => this.push('log', message);
  warn = (message: unknown) => this.push('warn', message);
  error = (message: unknown) => this.push('error', message);
  debug = () => undefined;
  verbose = () => undefined;
  private push(level: string, message: unknown) {
    this.lines.push({ level, message: String(message) });
  }
  matching(level: string, pattern: RegExp): string[] {
    return this.lines.filter((l) => l.level === level && pattern.test(l.message)).map((l) => l.message);
  }
}

export interface LoadFixture {
  emulator: RunningEmulator;
  database: TestDatabase;
  db: DataSource;
  conn: Connection;
  logs: LogLines;
  loader(options?: Partial<BulkLoaderOptions>): BulkLoader;
  close(): Promise<void>;
}

/** Small pages (several per object), quick polls, and failures that fail fast. */
export const TEST_LOADER_OPTIONS: Partial<BulkLoaderOptions> = {
  maxRecords: 1_000,
  pollInitialMs: 20,
  pollMaxMs: 200,
  retries: 1,
  retryDelayMs: 10,
};

export async function startLoadFixture(emulatorOptions: Partial<EmulatorOptions> = {}): Promise<LoadFixture> {
  const { publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const emulator = await startEmulator({
    connectedApp: { consumerKey: 'pulse-test', certificate: publicKey },
    ...emulatorOptions,
  });
  const database = await createTestDatabase();
  const db = new DataSource(dataSourceOptions(database.url));
  await db.initialize(); // runs the migrations
  const response = await fetch(`${emulator.url}/emulator/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: INTEGRATION_USER }),
  });
  const { accessToken } = (await response.json()) as { accessToken: string };
  const conn = new Connection({ instanceUrl: emulator.url, accessToken, version: '66.0' });
  const logs = new LogLines();
  Logger.overrideLogger(logs);
  return {
    emulator,
    database,
    db,
    conn,
    logs,
    loader: (options = {}) => new BulkLoader(db, { ...TEST_LOADER_OPTIONS, ...options }),
    async close() {
      await db.destroy();
      await emulator.close();
      await database.drop();
    },
  };
}

/** sync_object_state of one object, as the tests read it. */
export async function loadStateRow(db: DataSource, sobject: string) {
  const [row] = await db.query(
    `SELECT state, bulk_job_id, next_locator, pages_loaded, records_loaded::int AS records_loaded,
            load_started_at, loaded_at, last_error
     FROM sync_object_state WHERE sobject = $1`,
    [sobject],
  );
  return row as {
    state: string;
    bulk_job_id: string | null;
    next_locator: string | null;
    pages_loaded: number;
    records_loaded: number;
    load_started_at: Date | null;
    loaded_at: Date | null;
    last_error: string | null;
  };
}

/** The org's Bulk API query jobs for an object, as Salesforce lists them. */
export async function bulkJobs(conn: Connection, sobject: string): Promise<{ id: string; state: string }[]> {
  const list = await conn.request<{ records: { id: string; object: string; state: string }[] }>(
    `/services/data/v66.0/jobs/query`,
  );
  return list.records.filter((j) => j.object === sobject);
}
