// End-to-end freshness: changes committed in the emulated org at a steady rate (default 500/s),
// through CometD and jsforce into the real backend app (the same createApp as production), timed
// from each change's commit in the org until its new value is readable in PostgreSQL, which is
// what every API answer reads. A sample of the changes is watched, each by its own poller.
//
//   npm run build -w backend && node backend/bench/freshness.ts --rate 500 --seconds 20
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type * as AppFactoryModule from '../src/app.factory.ts';
import type * as ConfigModule from '../src/config/pulse-config.ts';
import type * as EmbeddedPostgresModule from '../src/database/embedded-postgres.ts';
import type * as SyncServiceModule from '../src/sync/sync.service.ts';

export interface FreshnessOptions {
  /** Changes per second committed in the org (default 500). */
  rate?: number;
  /** How long to keep changing (default 20 s). */
  seconds?: number;
  /** One change in `sample` is watched (default 10). */
  sample?: number;
}

export interface FreshnessMeasurement {
  rate: number;
  seconds: number;
  changes: number;
  watched: number;
  /** Commit in the org -> readable in PostgreSQL, milliseconds. */
  freshnessMs: { p50: number; p90: number; p99: number; max: number };
  /** Changes the org actually committed per second (the org shares this process). */
  achievedRate: number;
}

const DIST = join(fileURLToPath(new URL('..', import.meta.url)), 'dist');
const dist = <T>(path: string): Promise<T> => import(pathToFileURL(join(DIST, path)).href) as Promise<T>;
const log = (message: string) => process.stderr.write(`[bench:freshness] ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureFreshness(options: FreshnessOptions = {}): Promise<FreshnessMeasurement> {
  const rate = options.rate ?? 500;
  const seconds = options.seconds ?? 20;
  const sample = options.sample ?? 10;
  const { createApp } = await dist<typeof AppFactoryModule>('app.factory.js');
  const { loadConfig } = await dist<typeof ConfigModule>('config/pulse-config.js');
  const { startEmbeddedPostgres } = await dist<typeof EmbeddedPostgresModule>('database/embedded-postgres.js');
  const { SyncService } = await dist<typeof SyncServiceModule>('sync/sync.service.js');
  const { startEmulator } = await import('@pulse/emulator');

  const dir = mkdtempSync(join(tmpdir(), 'pulse-bench-freshness-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as another user, who must reach its folder
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const emulator = await startEmulator({ connectedApp: { consumerKey: 'pulse-bench', certificate: keys.publicKey } });
  const postgres = await startEmbeddedPostgres(join(dir, 'pg'));
  const config = loadConfig({
    SF_LOGIN_URL: emulator.url,
    SF_CLIENT_ID: 'pulse-bench',
    SF_USERNAME: 'integration@pulse.demo',
    SF_PRIVATE_KEY: keys.privateKey,
    PULSE_ORG_CERTIFICATE: keys.publicKey,
    DATABASE_URL: postgres.url,
    LOG_LEVEL: 'error',
    LOG_FORMAT: 'json',
  });
  const app = await createApp(config, { url: postgres.url, ssl: false });
  const reader = new pg.Pool({ connectionString: postgres.url, max: 8 });
  try {
    await app.listen(0, '127.0.0.1');
    const sync = app.get(SyncService);
    while (sync.status.state !== 'streaming') await sleep(50);
    log(`mirror loaded; changing the org at ${rate}/s for ${seconds} s`);

    // Deals with products take their Amount from the products (a write to it is ignored), so not those.
    const deals = [...emulator.store.scan('Opportunity')].filter(
      (o) => o.IsDeleted !== true && o.IsClosed !== true && o.HasOpportunityLineItem !== true,
    );
    const userId = emulator.demo!.adminUserId;
    const latencies: Promise<number>[] = [];
    const watch = async (id: string, amount: number, committedAt: number): Promise<number> => {
      for (;;) {
        const { rows } = await reader.query('SELECT amount FROM opportunity WHERE salesforce_id = $1', [id]);
        // Amounts only grow, and a deal may change again before this poll sees it: a later value counts.
        if (Number(rows[0]?.amount) >= amount) return performance.now() - committedAt;
        await sleep(2);
      }
    };
    const started = performance.now();
    let changes = 0;
    let reported = 0;
    while (performance.now() - started < seconds * 1000) {
      // Catch up to where the clock says we should be: a steady rate, whatever each tick costs.
      const due = Math.floor(((performance.now() - started) / 1000) * rate);
      for (; changes < due; changes++) {
        const deal = deals[changes % deals.length];
        const amount = 10_000 + changes;
        emulator.store.transact(userId, (tx) => tx.update('Opportunity', deal.Id, { Amount: amount }));
        if (changes % sample === 0) latencies.push(watch(deal.Id, amount, performance.now()));
      }
      await sleep(1);
      if (changes - reported >= rate) {
        reported = changes;
        process.stderr.write(`\r[bench:freshness] ${changes} changes`);
      }
    }
    process.stderr.write('\n');
    const achievedRate = changes / ((performance.now() - started) / 1000);
    const sorted = (await Promise.all(latencies)).sort((a, b) => a - b);
    const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
    return {
      rate,
      seconds,
      changes,
      watched: sorted.length,
      freshnessMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: Math.round(sorted.at(-1)!) },
      achievedRate: Math.round(achievedRate),
    };
  } finally {
    await app.close();
    await reader.end();
    await emulator.close();
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { rate: { type: 'string' }, seconds: { type: 'string' }, sample: { type: 'string' } },
  });
  const number = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) {
      console.error(`--${name} must be a positive number, got "${text}"`);
      process.exit(2);
    }
    return n;
  };
  const result = await measureFreshness({
    rate: number('rate', values.rate),
    seconds: number('seconds', values.seconds),
    sample: number('sample', values.sample),
  });
  console.log(JSON.stringify(result, null, 2));
  process.exit(0);
}
