// The full predictive forecast at scale, as one JSON document (progress on stderr): a mirror of N
// opportunities (default 1,000,000) generated straight into embedded PostgreSQL with
// generate_series (forecast-data.ts), then, through the backend's own services, an admin's
// forecast for this quarter: the first after start (reads the training sample and every open deal
// with its history, learns, scores, simulates), again (cached scores), with another seed
// (simulation only), the full forecast on a running instance (learn again, re-score every deal,
// simulate), after 1,000 deals change (only those re-read and re-scored); a manager's and a rep's.
//
//   npm run bench:forecast -- --opportunities 1000000
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type * as DataSourceModule from '../src/database/data-source.ts';
import type * as EmbeddedPostgresModule from '../src/database/embedded-postgres.ts';
import type * as ForecastServices from './forecast-services.ts';
import { generateDeals, type GeneratedCounts } from './forecast-data.ts';

const DIST = join(fileURLToPath(new URL('..', import.meta.url)), 'dist');
const dist = <T>(path: string): Promise<T> => import(pathToFileURL(join(DIST, path)).href) as Promise<T>;
const log = (message: string) => process.stderr.write(`[bench:forecast] ${message}\n`);
const GOAL_MS = 2_000;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: Math.round(performance.now() - started), value };
}

const { values } = parseArgs({
  options: {
    opportunities: { type: 'string', default: '1000000' },
    // Keep the generated cluster here and reuse it on the next run (the same size only).
    'data-dir': { type: 'string' },
  },
});
const opportunities = Number(values.opportunities);
if (!Number.isSafeInteger(opportunities) || opportunities < 1000) {
  console.error(`--opportunities must be a whole number of at least 1000, got "${values.opportunities}"`);
  process.exit(2);
}

const { startEmbeddedPostgres } = await dist<typeof EmbeddedPostgresModule>('database/embedded-postgres.js');
const { dataSourceOptions } = await dist<typeof DataSourceModule>('database/data-source.js');
const { forecastServices } = (await import('./forecast-services.ts')) as typeof ForecastServices;

const kept = values['data-dir'];
const dir = kept ?? mkdtempSync(join(tmpdir(), 'pulse-bench-forecast-'));
mkdirSync(dir, { recursive: true });
chmodSync(dir, 0o755); // as root, PostgreSQL runs as another user, who must reach its folder
const reuse = kept !== undefined && existsSync(join(dir, 'generated.json'));
const postgres = await startEmbeddedPostgres(join(dir, 'pg'));
const db = new DataSource(dataSourceOptions(postgres.url));
const client = new pg.Client({ connectionString: postgres.url });
try {
  await db.initialize(); // runs the migrations
  await client.connect();
  let generated: { ms: number; value: GeneratedCounts };
  if (reuse) {
    generated = JSON.parse(readFileSync(join(dir, 'generated.json'), 'utf8')) as typeof generated;
    log(`reusing the mirror in ${dir}: ${JSON.stringify(generated.value)}`);
  } else {
    log(`generating ${opportunities} opportunities with their history (generate_series)`);
    generated = await timed(() => generateDeals(client, opportunities, new Date()));
    log(`generated in ${(generated.ms / 1000).toFixed(1)} s: ${JSON.stringify(generated.value)}`);
    if (kept) writeFileSync(join(dir, 'generated.json'), JSON.stringify(generated));
  }

  const services = await forecastServices(db, DIST);
  const admin = await services.viewer();
  const manager = await services.viewer(services.userIds.manager);
  const rep = await services.viewer(services.userIds.rep);
  const forecast = (viewer: typeof admin, query: Record<string, unknown> = {}) =>
    services.predictive.forecast(query, viewer);

  log('admin, first request: read the training sample and every open deal, learn, score, simulate');
  const first = await timed(() => forecast(admin));
  const warm = await timed(() => forecast(admin));
  const reseeded = await timed(() => forecast(admin, { seed: 7 }));
  const scoredWarm = services.predictive.lastScored;

  log('full forecast on a running instance: learn again, then re-score every deal and simulate');
  const relearn = await timed(() => services.engine.retrainNow());
  const rescored = await timed(() => forecast(admin));
  const scoredAfterRelearn = services.predictive.lastScored;

  log('1,000 open deals change');
  await client.query(`
    UPDATE opportunity SET amount = amount + 1000, last_synced_at = now()
    WHERE salesforce_id IN (SELECT salesforce_id FROM opportunity WHERE NOT is_closed ORDER BY salesforce_id LIMIT 1000)`);
  await client.query('UPDATE mirror_version SET version = version + 1');
  const incremental = await timed(() => forecast(admin));
  const scoredAfterChange = services.predictive.lastScored;

  const managerRun = await timed(() => forecast(manager));
  const repRun = await timed(() => forecast(rep));
  const nextQuarter = await timed(() => forecast(admin, { period: 'next_quarter' }));
  await services.measureParts();

  const result = {
    opportunities: generated.value.opportunities,
    openDeals: generated.value.open,
    historyRows: generated.value.history,
    users: generated.value.users,
    generatedWith: 'SQL generate_series (forecast-data.ts)',
    generateSeconds: Math.round(generated.ms / 100) / 10,
    trials: first.value.trials,
    dealsForecast: first.value.dealCount,
    // Learn (read the training sample, fit) + re-score all open deals + simulate, the open deals in memory.
    fullForecastMs: { learn: relearn.ms, scoreAndSimulate: rescored.ms, total: relearn.ms + rescored.ms },
    dealsScoredInFullForecast: scoredAfterRelearn,
    // After a start: the open deals and their history are read from PostgreSQL too.
    firstRequestMs: first.ms,
    firstRequestPartsMs: services.breakdown(),
    warmMs: warm.ms,
    otherSeedMs: reseeded.ms,
    dealsScoredWarm: scoredWarm,
    afterThousandChangesMs: incremental.ms,
    dealsScoredAfterChanges: scoredAfterChange,
    managerMs: managerRun.ms,
    managerDeals: managerRun.value.dealCount,
    repMs: repRun.ms,
    repDeals: repRun.value.dealCount,
    nextQuarterMs: nextQuarter.ms,
    trainingSampleRate: services.sampleRate(),
    goalMs: GOAL_MS,
    fullForecastMeetsGoal: relearn.ms + rescored.ms < GOAL_MS,
    firstRequestMeetsGoal: first.ms < GOAL_MS,
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await client.end().catch(() => undefined);
  await db.destroy().catch(() => undefined);
  await postgres.stop();
  if (!kept) rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
