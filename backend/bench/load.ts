// Measures the initial load: BulkLoader loading N opportunities from the emulated org (rows/s,
// peak RSS of the loading process), beside a raw COPY of the same rows into a plain table in the
// same run (the ratio is the figure). Two more bars say where the gap is: the same COPY into a copy
// of the mirror table with its indexes, and COPY piped straight from the org (its CSV speed).
// Prints one JSON document on stdout; progress goes to stderr.
//
//   npm run build -w backend && node backend/bench/load.ts --opportunities 100000
//
// The loader runs in a child process of its own, so its peak RSS is the loader's alone (the
// emulated org, in this process, holds the whole org in memory). Backend code comes from dist/.
import { fork } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import type * as BulkLoaderModule from '../src/sync/load/bulk-loader.service.ts';
import type * as BulkClientModule from '../src/sync/load/bulk-query-client.ts';
import type * as FieldSelectionModule from '../src/sync/load/field-selection.ts';
import type * as DataSourceModule from '../src/database/data-source.ts';
import type * as EmbeddedPostgresModule from '../src/database/embedded-postgres.ts';
import type * as MirrorConfigModule from '../src/mirror/mirror-config.ts';

export interface LoadOptions {
  opportunities: number;
  /** Records per result page (the loader's default when absent). */
  maxRecords?: number;
  /** A PostgreSQL database to load into (migrated by the run); default a throwaway embedded server. */
  databaseUrl?: string;
  seed?: number;
}

interface Rate {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

export interface LoadMeasurement {
  opportunities: number;
  maxRecords: number;
  /** BulkLoader end to end: job, wait, pages over HTTP, COPY, upsert, sweep. */
  load: Rate & { pages: number; peakRssMb: number; rssBeforeMb: number };
  /** The same rows' CSV fetched from the org into a file (what the org and HTTP cost alone). */
  download: Rate;
  /** COPY of that file into a plain table with the same typed columns, no index: the bar. */
  rawCopy: Rate;
  /** The same file COPYed into a copy of the mirror table with all its indexes: what the indexes cost. */
  rawCopyIndexed: Rate;
  /** A new job's pages piped straight from the org into COPY (no staging, no upsert): the same org cost as the load. */
  rawCopyFromOrg: Rate;
  /** load rows/s over rawCopy rows/s (the figure). */
  ratio: number;
  /** load rows/s over rawCopyIndexed rows/s: against a COPY that pays for the same indexes. */
  ratioToIndexedCopy: number;
  /** load rows/s over rawCopyFromOrg rows/s: against a COPY that waits for the same org. */
  ratioToCopyFromOrg: number;
  postgres: string;
  node: string;
}

interface WorkerInput {
  instanceUrl: string;
  accessToken: string;
  databaseUrl: string;
  maxRecords?: number;
  dir: string;
}

type WorkerOutput = Omit<
  LoadMeasurement,
  'opportunities' | 'ratio' | 'ratioToIndexedCopy' | 'ratioToCopyFromOrg' | 'node'
>;

const BACKEND = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(BACKEND, 'dist');
const log = (message: string) => process.stderr.write(`[bench:load] ${message}\n`);
const mb = (bytes: number) => Math.round(bytes / 1_048_576);
const rate = (rows: number, seconds: number): Rate => ({
  rows,
  seconds: Number(seconds.toFixed(3)),
  rowsPerSecond: Math.round(rows / seconds),
});

/** Backend modules as compiled (Nest's decorators need tsc); typed by their sources. */
const dist = <T>(path: string): Promise<T> => import(pathToFileURL(join(DIST, path)).href) as Promise<T>;

export async function measureLoad(options: LoadOptions): Promise<LoadMeasurement> {
  if (!existsSync(join(DIST, 'sync/load/bulk-loader.service.js')))
    throw new Error('backend/dist is missing or stale: run `npm run build -w backend` first');
  const dir = mkdtempSync(join(tmpdir(), 'pulse-bench-load-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as another user, who must reach its folder
  const { startEmulator } = await import('@pulse/emulator');
  let postgres: { url: string; stop(): Promise<void> } | undefined;
  let emulator: Awaited<ReturnType<typeof startEmulator>> | undefined;
  try {
    if (options.databaseUrl) postgres = { url: options.databaseUrl, stop: async () => {} };
    else {
      const { startEmbeddedPostgres } = await dist<typeof EmbeddedPostgresModule>('database/embedded-postgres.js');
      postgres = await startEmbeddedPostgres(join(dir, 'pg'));
    }
    log(`generating an org of ${options.opportunities} opportunities`);
    const { publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    emulator = await startEmulator({
      connectedApp: { consumerKey: 'pulse-bench', certificate: publicKey },
      demo: { opportunities: options.opportunities, seed: options.seed ?? 42 },
    });
    const session = await fetch(`${emulator.url}/emulator/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'integration@pulse.demo' }),
    });
    const { accessToken } = (await session.json()) as { accessToken: string };
    const output = await runWorker({
      instanceUrl: emulator.url,
      accessToken,
      databaseUrl: postgres.url,
      maxRecords: options.maxRecords,
      dir,
    });
    const over = (bar: Rate) => Number((output.load.rowsPerSecond / bar.rowsPerSecond).toFixed(3));
    return {
      opportunities: options.opportunities,
      ...output,
      ratio: over(output.rawCopy),
      ratioToIndexedCopy: over(output.rawCopyIndexed),
      ratioToCopyFromOrg: over(output.rawCopyFromOrg),
      node: process.version,
    };
  } finally {
    await emulator?.close();
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function runWorker(input: WorkerInput): Promise<WorkerOutput> {
  const child = fork(fileURLToPath(import.meta.url), ['--worker'], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  child.stdout?.pipe(process.stderr); // the loader's log lines are progress, not the result
  child.send(input);
  return new Promise((resolve, reject) => {
    let result: WorkerOutput | undefined;
    child.on('message', (message: { result?: WorkerOutput; error?: string }) => {
      if (message.error) reject(new Error(message.error));
      else result = message.result;
    });
    child.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`the loading process exited with ${code} and no result`)),
    );
  });
}

/** In the child: the load, measured; then the download and the raw COPYs of the same rows. */
async function worker(input: WorkerInput): Promise<WorkerOutput> {
  const { BulkLoader } = await dist<typeof BulkLoaderModule>('sync/load/bulk-loader.service.js');
  const { BulkQueryClient, DEFAULT_BULK_CLIENT_OPTIONS } = await dist<typeof BulkClientModule>(
    'sync/load/bulk-query-client.js',
  );
  const { selectFields } = await dist<typeof FieldSelectionModule>('sync/load/field-selection.js');
  const { dataSourceOptions } = await dist<typeof DataSourceModule>('database/data-source.js');
  const { effectiveObjects } = await dist<typeof MirrorConfigModule>('mirror/mirror-config.js');
  const { Connection } = (await import('jsforce')).default;
  const { DataSource } = (await import('typeorm')).default;
  const pg = (await import('pg')).default;
  const { from: copyFrom } = (await import('pg-copy-streams')).default;

  const db = new DataSource(dataSourceOptions(input.databaseUrl));
  await db.initialize(); // migrations run here, before anything is timed
  const conn = new Connection({ instanceUrl: input.instanceUrl, accessToken: input.accessToken, version: '66.0' });
  const opportunity = effectiveObjects().find((o) => o.sobject === 'Opportunity')!;
  const loader = new BulkLoader(db, { maxRecords: input.maxRecords });
  const maxRecords = input.maxRecords ?? 50_000;

  const rssBefore = process.memoryUsage().rss;
  let started = performance.now();
  const loaded = await loader.load(conn, opportunity, { fresh: true });
  const loadSeconds = (performance.now() - started) / 1000;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  await db.destroy();

  // The same rows again, as one CSV file: header once, then every page's rows.
  const { fields } = await selectFields(conn, opportunity);
  const bulk = new BulkQueryClient(conn, DEFAULT_BULK_CLIENT_OPTIONS);
  const file = join(input.dir, 'opportunity.csv');
  started = performance.now();
  const job = await bulk.create(`SELECT ${fields.join(', ')} FROM Opportunity`);
  await bulk.waitUntilComplete(job.id);
  const out = createWriteStream(file);
  let locator: string | null = null;
  let downloaded = 0;
  let first = true;
  do {
    const page = await bulk.page(job.id, locator, maxRecords);
    let skipHeader = !first;
    for await (const chunk of page.body as AsyncIterable<Buffer>) {
      let bytes = chunk;
      if (skipHeader) {
        const end = bytes.indexOf(10);
        if (end < 0) continue;
        bytes = bytes.subarray(end + 1);
        skipHeader = false;
      }
      if (!out.write(bytes)) await once(out, 'drain');
    }
    downloaded += page.records ?? 0;
    locator = page.nextLocator;
    first = false;
  } while (locator !== null);
  out.end();
  await once(out, 'finish');
  const downloadSeconds = (performance.now() - started) / 1000;

  const client = new pg.Client({ connectionString: input.databaseUrl });
  await client.connect();
  try {
    const types = new Map<string, string>([
      ['id', 'varchar(18)'],
      ['systemmodstamp', 'timestamptz'],
      ['isdeleted', 'boolean'],
    ]);
    const PG: Record<string, string> = { id: 'varchar(18)', integer: 'numeric' };
    for (const f of opportunity.fields) types.set(f.field.toLowerCase(), PG[f.type] ?? f.type);
    const columns = fields.map((f) => `"${f}" ${types.get(f.toLowerCase()) ?? 'text'}`);
    await client.query(`DROP TABLE IF EXISTS raw_opportunity`);
    await client.query(`CREATE TABLE raw_opportunity (${columns.join(', ')})`);
    const quoted = fields.map((f) => `"${f}"`).join(', ');
    started = performance.now();
    const copy = client.query(
      copyFrom(`COPY raw_opportunity FROM STDIN WITH (FORMAT csv, HEADER true, FORCE_NULL (${quoted}))`),
    );
    await pipeline(createReadStream(file), copy);
    const rawSeconds = (performance.now() - started) / 1000;

    // Header names to the mirror's columns (Id -> salesforce_id, StageName -> stage_name...).
    const mirrorColumn = new Map<string, string>([
      ['id', 'salesforce_id'],
      ['systemmodstamp', 'system_modstamp'],
      ['isdeleted', 'is_deleted'],
    ]);
    for (const f of opportunity.fields) mirrorColumn.set(f.field.toLowerCase(), f.column);
    const targets = fields.map((f) => mirrorColumn.get(f.toLowerCase())!).join(', ');
    await client.query(`CREATE TABLE raw_indexed (LIKE opportunity INCLUDING ALL)`);
    await client.query(`ALTER TABLE raw_indexed ALTER last_synced_at SET DEFAULT now()`);
    started = performance.now();
    const indexedCopy = client.query(
      copyFrom(`COPY raw_indexed (${targets}) FROM STDIN WITH (FORMAT csv, HEADER true, FORCE_NULL (${targets}))`),
    );
    await pipeline(createReadStream(file), indexedCopy);
    const indexedSeconds = (performance.now() - started) / 1000;

    await client.query(`CREATE TABLE raw_from_org (LIKE raw_opportunity)`);
    started = performance.now();
    const streamed = await bulk.create(`SELECT ${fields.join(', ')} FROM Opportunity`);
    await bulk.waitUntilComplete(streamed.id);
    let fromOrg = 0;
    locator = null;
    do {
      const page = await bulk.page(streamed.id, locator, maxRecords);
      const pageCopy = client.query(
        copyFrom(`COPY raw_from_org FROM STDIN WITH (FORMAT csv, HEADER true, FORCE_NULL (${quoted}))`),
      );
      await pipeline(page.body, pageCopy);
      fromOrg += pageCopy.rowCount;
      locator = page.nextLocator;
    } while (locator !== null);
    const fromOrgSeconds = (performance.now() - started) / 1000;
    const { rows } = await client.query<{ server_version: string }>(`SHOW server_version`);
    return {
      maxRecords,
      load: {
        ...rate(loaded.loaded, loadSeconds),
        pages: loaded.pages ?? 0,
        peakRssMb: mb(peakRss),
        rssBeforeMb: mb(rssBefore),
      },
      download: rate(downloaded, downloadSeconds),
      rawCopy: rate(copy.rowCount, rawSeconds),
      rawCopyIndexed: rate(indexedCopy.rowCount, indexedSeconds),
      rawCopyFromOrg: rate(fromOrg, fromOrgSeconds),
      postgres: rows[0].server_version,
    };
  } finally {
    await client.end();
  }
}

const USAGE = `Usage: node backend/bench/load.ts [--opportunities <n>] [--max-records <n>]
Loads the opportunities of an emulated org with the BulkLoader and COPYs the same rows raw; prints JSON.
  --opportunities <n>  org size (default 100000; the whole org is about ten times as many records)
  --max-records <n>    records per result page (default: the loader's, 50000)
Needs a built backend (npm run build -w backend). DATABASE_URL: load there instead of a throwaway
embedded PostgreSQL. For 1,000,000 give Node the heap: NODE_OPTIONS=--max-old-space-size=6144.`;

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
      opportunities: { type: 'string', default: '100000' },
      'max-records': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(USAGE);
  const opportunities = positive('opportunities', values.opportunities)!;
  if (opportunities > 200_000 && getHeapStatistics().heap_size_limit < 4 * 2 ** 30)
    log('an org this large needs NODE_OPTIONS=--max-old-space-size=6144 (the emulator holds it in memory)');
  const result = await measureLoad({
    opportunities,
    maxRecords: positive('max-records', values['max-records']),
    databaseUrl: process.env.DATABASE_URL,
  });
  console.log(JSON.stringify(result, null, 2));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--worker')) {
    process.once('message', (input: WorkerInput) => {
      worker(input).then(
        (result) => process.send!({ result }, () => process.exit(0)),
        (error: Error) => process.send!({ error: error.stack ?? error.message }, () => process.exit(1)),
      );
    });
  } else {
    await cli(process.argv.slice(2)).catch((error: Error) => {
      console.error(error.message);
      process.exit(1);
    });
  }
}
