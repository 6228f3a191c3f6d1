// Measures the sustained apply rate of change events: a burst of N Opportunity UPDATE events
// (each its own Salesforce transaction, as CometD delivers them) pushed into the stream's apply
// pipeline faster than it can apply them, so it batches; timed from the first event until every
// one is committed with its replayId. Reports events/s and the batch sizes it chose. Prints JSON;
// progress goes to stderr.
//
//   npm run build -w backend && node backend/bench/stream.ts --events 50000 --records 50000
//
// `--records` is how many distinct records the events touch: as many as events is the worst case
// (nothing to fold); fewer means several changes per record per batch, folded into one write.
//
// `--via emulator` measures the whole path instead: updates committed in the emulated org, turned
// into change events, delivered over CometD to jsforce, assembled, batched and applied by the
// leader's StreamRunner (the emulator runs in this process, so it shares the CPU with the apply).
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type * as DataSourceModule from '../src/database/data-source.ts';
import type * as EmbeddedPostgresModule from '../src/database/embedded-postgres.ts';
import type * as MirrorConfigModule from '../src/mirror/mirror-config.ts';
import type * as MirrorWriterModule from '../src/mirror/mirror-writer.ts';
import type * as PipelineModule from '../src/sync/stream/apply-pipeline.ts';
import type * as StreamStateModule from '../src/sync/stream/stream-state.ts';
import type * as StreamRunnerModule from '../src/sync/stream/stream-runner.ts';
import type * as BulkLoaderModule from '../src/sync/load/bulk-loader.service.ts';
import type * as SalesforceModule from '../src/salesforce/salesforce-connection.service.ts';
import type * as ConfigModule from '../src/config/pulse-config.ts';

export interface ApplyOptions {
  /** Change events in the burst (default 50,000). */
  events?: number;
  /** Distinct Opportunity records they update (default: as many as events). */
  records?: number;
  /** Most events per database transaction (default: the pipeline's, 5,000). */
  maxBatchEvents?: number;
  /** A PostgreSQL server to measure on (a throwaway database is created there); default embedded. */
  databaseUrl?: string;
}

export interface ApplyMeasurement {
  events: number;
  records: number;
  seconds: number;
  eventsPerSecond: number;
  batches: number;
  /** Events per database transaction. */
  batchEvents: { mean: number; p50: number; max: number; min: number };
  /** Milliseconds per database transaction. */
  batchMs: { mean: number; p50: number; max: number };
  maxBatchEvents: number;
  /** Rows checked after the run against the last value each record was given. */
  verified: number;
  peakRssMb: number;
  postgres: string;
  node: string;
}

const BACKEND = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(BACKEND, 'dist');
const log = (message: string) => process.stderr.write(`[bench:stream] ${message}\n`);
const dist = <T>(path: string): Promise<T> => import(pathToFileURL(join(DIST, path)).href) as Promise<T>;
const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** A Salesforce-shaped 18-character Opportunity id for record number n. */
const opportunityId = (n: number) => `006BENCH${n.toString(36).toUpperCase().padStart(7, '0')}AAA`;

/** The message CometD delivers for an UPDATE of Amount and StageName. */
function updateMessage(i: number, records: number, t0: number) {
  const id = opportunityId(i % records);
  const at = t0 + i;
  return {
    schema: 'bench',
    payload: {
      ChangeEventHeader: {
        entityName: 'Opportunity',
        recordIds: [id],
        changeType: 'UPDATE',
        changeOrigin: 'com/salesforce/api/rest/66.0',
        transactionKey: `bench-${i}`,
        sequenceNumber: 1,
        commitTimestamp: at,
        commitNumber: i + 1,
        commitUser: '0055g000000BENCHAAA',
        changedFields: ['Amount', 'StageName', 'LastModifiedDate'],
        nulledFields: [],
        diffFields: [],
      },
      Amount: 1_000 + i,
      StageName: i % 2 === 0 ? 'Negotiation/Review' : 'Proposal/Price Quote',
      LastModifiedDate: new Date(at).toISOString(),
    },
    event: { replayId: i + 1 },
  };
}

/** A throwaway database: on the given server, or on an embedded one started for the run. */
async function scratchDatabase(serverUrl: string | undefined): Promise<{ url: string; drop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-bench-stream-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as another user, who must reach its folder
  let server: { url: string; stop(): Promise<void> };
  if (serverUrl) server = { url: serverUrl, stop: async () => {} };
  else {
    const { startEmbeddedPostgres } = await dist<typeof EmbeddedPostgresModule>('database/embedded-postgres.js');
    server = await startEmbeddedPostgres(join(dir, 'pg'));
  }
  const name = `pulse_bench_stream_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function serverVersion(db: { query(sql: string): Promise<{ server_version: string }[]> }): Promise<string> {
  const [{ server_version }] = await db.query(`SHOW server_version`);
  return server_version;
}

const summary = (batches: { events: number; ms: number }[], events: number) => {
  const sizes = batches.map((b) => b.events).sort((a, b) => a - b);
  const times = batches.map((b) => b.ms).sort((a, b) => a - b);
  return {
    batches: batches.length,
    batchEvents: {
      mean: round(events / batches.length),
      p50: percentile(sizes, 0.5),
      max: sizes.at(-1)!,
      min: sizes[0],
    },
    batchMs: {
      mean: round(times.reduce((a, b) => a + b, 0) / times.length),
      p50: round(percentile(times, 0.5)),
      max: round(times.at(-1)!),
    },
  };
};

export async function measureApply(options: ApplyOptions = {}): Promise<ApplyMeasurement> {
  const events = options.events ?? 50_000;
  const records = Math.min(options.records ?? events, events);
  if (!existsSync(join(DIST, 'sync/stream/apply-pipeline.js')))
    throw new Error('backend/dist is missing or stale: run `npm run build -w backend` first');
  const { dataSourceOptions } = await dist<typeof DataSourceModule>('database/data-source.js');
  const { effectiveObjects } = await dist<typeof MirrorConfigModule>('mirror/mirror-config.js');
  const { upsertRecords } = await dist<typeof MirrorWriterModule>('mirror/mirror-writer.js');
  const { StreamPipeline } = await dist<typeof PipelineModule>('sync/stream/apply-pipeline.js');
  const { StreamState } = await dist<typeof StreamStateModule>('sync/stream/stream-state.js');
  const { DataSource } = await import('typeorm');

  const scratch = await scratchDatabase(options.databaseUrl);
  const db = await new DataSource(dataSourceOptions(scratch.url)).initialize();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    const objects = effectiveObjects();
    const opportunity = objects.find((o) => o.sobject === 'Opportunity')!;
    const t0 = Date.now();
    log(`seeding ${records} opportunities`);
    for (let i = 0; i < records; i += 5_000) {
      const page = Array.from({ length: Math.min(5_000, records - i) }, (_, k) => ({
        Id: opportunityId(i + k),
        Name: `Bench deal ${i + k}`,
        StageName: 'Prospecting',
        Amount: 500,
        CloseDate: '2027-01-31',
        IsDeleted: false,
        SystemModstamp: new Date(t0 - 3_600_000).toISOString(),
      }));
      await upsertRecords(db.manager, opportunity, page);
    }
    await db.query(`ANALYZE opportunity`);
    await db.query(`UPDATE sync_leader SET epoch = 1, holder = 'bench' WHERE id = 1`);
    const state = new StreamState(db);
    await state.read();
    await db.query(`UPDATE sync_channel SET loaded_at = now()`);

    log(`building ${events} change events`);
    const messages = Array.from({ length: events }, (_, i) => updateMessage(i, records, t0));
    const batches: { events: number; ms: number }[] = [];
    const pipeline = new StreamPipeline({
      db,
      state,
      objects: objects.filter((o) => o.changeEvents),
      epoch: 1,
      mode: 'live',
      replayId: null,
      maxBatchEvents: options.maxBatchEvents,
      transactionGraceMs: 0,
      logger: { log: () => undefined, warn: log, error: log },
      onBatch: (b) => batches.push({ events: b.events, ms: b.milliseconds }),
      onProblem: (kind, error) => log(`${kind}: ${error.message}`),
      onFatal: (error) => log(`fatal: ${error.message}`),
    });
    pipeline.start();
    await pipeline.idle();

    log(`applying`);
    const started = performance.now();
    // Delivered in CometD-sized chunks with a turn of the event loop between, as faye does.
    for (let i = 0; i < messages.length; i += 100) {
      for (const message of messages.slice(i, i + 100)) pipeline.push(message);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setTimeout(resolve, 5)); // the last transaction's grace
    await pipeline.idle();
    const seconds = (performance.now() - started) / 1000;
    await pipeline.stop();

    // Every record holds the value of its last event, and the position is the last event's.
    const expected = new Map<string, number>();
    for (let i = 0; i < events; i++) expected.set(opportunityId(i % records), 1_000 + i);
    const rows: { salesforce_id: string; amount: string }[] = await db.query(
      `SELECT salesforce_id, amount FROM opportunity`,
    );
    const wrong = rows.filter(
      (r) => expected.has(r.salesforce_id) && Number(r.amount) !== expected.get(r.salesforce_id),
    );
    const [{ replay_id }] = await db.query(`SELECT replay_id FROM sync_channel`);
    if (wrong.length > 0 || Number(replay_id) !== events)
      throw new Error(`the mirror is wrong after the run: ${wrong.length} rows, position ${replay_id}`);

    const version = await serverVersion(db);
    return {
      events,
      records,
      seconds: round(seconds, 3),
      eventsPerSecond: Math.round(events / seconds),
      ...summary(batches, events),
      maxBatchEvents: options.maxBatchEvents ?? 5_000,
      verified: expected.size,
      peakRssMb: Math.round(peakRss / 1_048_576),
      postgres: version,
      node: process.version,
    };
  } finally {
    clearInterval(sampler);
    await db.destroy();
    await scratch.drop();
  }
}

export interface StreamOptions {
  /** Updates committed in the org (default 50,000), each its own transaction and event. */
  events?: number;
  /** Size of the emulated org (default 3,000 opportunities). */
  opportunities?: number;
  /** Deals the updates cycle over (default 1,000, or as many as the org has). */
  records?: number;
  databaseUrl?: string;
}

export interface StreamMeasurement {
  events: number;
  /** Distinct records updated. */
  records: number;
  seconds: number;
  /** How long the org itself took to commit them (it shares this process: a bound on the rate). */
  publishSeconds: number;
  /** From the first commit in the org until the mirror's stored position is the last event's. */
  eventsPerSecond: number;
  batches: number;
  batchEvents: { mean: number; p50: number; max: number; min: number };
  batchMs: { mean: number; p50: number; max: number };
  peakRssMb: number;
  postgres: string;
  node: string;
}

export async function measureStream(options: StreamOptions = {}): Promise<StreamMeasurement> {
  const events = options.events ?? 50_000;
  if (!existsSync(join(DIST, 'sync/stream/stream-runner.js')))
    throw new Error('backend/dist is missing or stale: run `npm run build -w backend` first');
  const { dataSourceOptions } = await dist<typeof DataSourceModule>('database/data-source.js');
  const { StreamRunner } = await dist<typeof StreamRunnerModule>('sync/stream/stream-runner.js');
  const { BulkLoader } = await dist<typeof BulkLoaderModule>('sync/load/bulk-loader.service.js');
  const { SalesforceConnection } = await dist<typeof SalesforceModule>('salesforce/salesforce-connection.service.js');
  const { loadConfig } = await dist<typeof ConfigModule>('config/pulse-config.js');
  const { DataSource } = await import('typeorm');
  const { Logger } = await import('@nestjs/common');
  const { startEmulator } = await import('@pulse/emulator');
  Logger.overrideLogger(['error']); // the loader's progress lines are not the result

  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  log(`generating an org of ${options.opportunities ?? 3_000} opportunities`);
  const emulator = await startEmulator({
    connectedApp: { consumerKey: 'pulse-bench', certificate: keys.publicKey },
    demo: { opportunities: options.opportunities ?? 3_000 },
    streaming: { longPollTimeoutMs: 10_000 },
  });
  const scratch = await scratchDatabase(options.databaseUrl);
  const db = await new DataSource(dataSourceOptions(scratch.url)).initialize();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  let runner: InstanceType<typeof StreamRunner> | undefined;
  try {
    const config = loadConfig({
      SF_LOGIN_URL: emulator.url,
      SF_CLIENT_ID: 'pulse-bench',
      SF_USERNAME: 'integration@pulse.demo',
      SF_PRIVATE_KEY: keys.privateKey,
      PULSE_ORG_CERTIFICATE: keys.publicKey,
      DATABASE_URL: scratch.url,
    });
    await db.query(`UPDATE sync_leader SET epoch = 1, holder = 'bench' WHERE id = 1`);
    const batches: { events: number; ms: number; last: number }[] = [];
    let state = '';
    let reached: (() => void) | undefined;
    let target = Infinity;
    runner = new StreamRunner({
      db,
      objects: config.sync.objects,
      loader: new BulkLoader(db),
      salesforce: new SalesforceConnection(config),
      epoch: 1,
      logger: { log: () => undefined, warn: log, error: log },
      onState: (s) => (state = s),
      onObjectState: () => undefined,
      onLoadProgress: () => undefined,
      onBatch: (b) => {
        if (b.mode !== 'live') return;
        batches.push({ events: b.events, ms: b.milliseconds, last: b.lastReplayId });
        if (b.lastReplayId >= target) reached?.();
      },
      onProblem: (kind, error) => log(`${kind}: ${error.message}`),
      onReady: () => undefined,
      onFatal: (error) => log(`fatal: ${error.message}`),
    });
    log('loading the org, then streaming');
    runner.start();
    while (state !== 'streaming') await new Promise((resolve) => setTimeout(resolve, 50));

    const store = emulator.store;
    const deals: string[] = [];
    const wanted = options.records ?? 1_000;
    for (const row of store.scan('Opportunity')) if (row.IsDeleted !== true && deals.push(row.Id) >= wanted) break;
    const admin = emulator.demo!.adminUserId;
    batches.length = 0;
    const done = new Promise<void>((resolve) => (reached = resolve));
    log(`committing ${events} updates in the org`);
    const started = performance.now();
    for (let i = 0; i < events; i++) {
      store.transact(admin, (tx) => tx.update('Opportunity', deals[i % deals.length], { NextStep: `bench ${i}` }));
      // A live org: the server answers polls between commits.
      if (i % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
    }
    const published = performance.now();
    target = emulator.streaming.retainedReplayIds.at(-1)!;
    if (batches.some((b) => b.last >= target)) reached?.();
    await done;
    const seconds = (performance.now() - started) / 1000;
    return {
      events,
      records: deals.length,
      seconds: round(seconds, 3),
      publishSeconds: round((published - started) / 1000, 3),
      eventsPerSecond: Math.round(events / seconds),
      ...summary(
        batches,
        batches.reduce((n, b) => n + b.events, 0),
      ),
      peakRssMb: Math.round(peakRss / 1_048_576),
      postgres: await serverVersion(db),
      node: process.version,
    };
  } finally {
    clearInterval(sampler);
    await runner?.stop();
    await db.destroy();
    await scratch.drop();
    await emulator.close();
  }
}

const USAGE = `Usage: node backend/bench/stream.ts [--events <n>] [--records <n>] [--max-batch <n>] [--via emulator]
Applies a burst of Opportunity UPDATE change events through the stream's apply pipeline; prints JSON.
  --events <n>     events in the burst (default 50000)
  --records <n>    distinct records they update (default: as many as events: nothing to fold)
  --max-batch <n>  most events per database transaction (default 5000)
  --via emulator   the whole path instead: commits in the emulated org -> CometD -> jsforce -> apply
                   (--records: deals updated, default 1000; --opportunities: org size, default 3000)
Needs a built backend (npm run build -w backend). DATABASE_URL: measure on that server (in a
throwaway database) instead of a throwaway embedded PostgreSQL.`;

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    console.error(`--${flag} must be a positive integer, got "${value}"\n\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

async function cli(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      events: { type: 'string', default: '50000' },
      records: { type: 'string' },
      'max-batch': { type: 'string' },
      via: { type: 'string', default: 'pipeline' },
      opportunities: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(USAGE);
  if (values.via !== 'pipeline' && values.via !== 'emulator') {
    console.error(`--via must be pipeline or emulator, got "${values.via}"\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.via === 'emulator') {
    const measured = await measureStream({
      events: positive('events', values.events),
      records: positive('records', values.records),
      opportunities: positive('opportunities', values.opportunities),
      databaseUrl: process.env.DATABASE_URL,
    });
    return console.log(JSON.stringify(measured, null, 2));
  }
  const result = await measureApply({
    events: positive('events', values.events),
    records: positive('records', values.records),
    maxBatchEvents: positive('max-batch', values['max-batch']),
    databaseUrl: process.env.DATABASE_URL,
  });
  console.log(JSON.stringify(result, null, 2));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await cli(process.argv.slice(2)).catch((error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  });
}
