// The API at scale: every GET endpoint under /api (read from the OpenAPI document at run time) as a
// manager with about a thousand users below them and as a rep, on a mirror of a million-deal org
// with thousands of users in a deep role hierarchy; GET /health (a database ping, no auth) in the
// same run is the bar. Per endpoint and viewer: the first request (cold, a cache miss) and
// autocannon's steady state (warm): p50/p95/p99, requests/s and their ratio to /health's.
// Prints one JSON document on stdout; progress goes to stderr.
//
//   npm run bench:api -- --opportunities 100000 --duration 5
//
// The mirror is built once by the real sync and kept (bench/api/mirror.ts). The measured backend
// runs in its own process as a standby instance: this process holds the sync's leader lock, so the
// backend serves the kept mirror without re-syncing it from an org that now holds only the users.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import type { RunningEmulator } from '@pulse/emulator';
import type * as LeaderLockModule from '../src/sync/leader/leader-lock.ts';
import { startBackend, type BackendProcess } from './api/backend-process.ts';
import { discoverEndpoints, type Skipped } from './api/endpoints.ts';
import { openMirror, type MirrorMeta } from './api/mirror.ts';
import { parseOptions, USAGE, UsageError, type ApiBenchOptions } from './api/options.ts';
import { backendEnv, log, orgKeys, startOrg, userToken } from './api/org.ts';
import { runSuite, type SuiteResult } from './api/suite.ts';
import { chooseViewers, type ChosenViewer } from './api/viewers.ts';

const DIST = join(fileURLToPath(new URL('..', import.meta.url)), 'dist');
const dist = <T>(path: string): Promise<T> => import(pathToFileURL(join(DIST, path)).href) as Promise<T>;

export interface ApiMeasurement {
  options: Omit<ApiBenchOptions, 'rebuild'>;
  mirror: MirrorMeta & { cached: boolean };
  viewers: ChosenViewer[];
  health: SuiteResult['health'];
  endpoints: SuiteResult['endpoints'];
  skipped: Skipped[];
  aims: SuiteResult['aims'];
  /** loadAverage: the 1-minute load before and after the run; other work on the machine shows there. */
  machine: { cpus: number; loadAverage: [number, number]; node: string; postgres: string };
}

export async function measureApi(options: ApiBenchOptions): Promise<ApiMeasurement> {
  if (!existsSync(join(DIST, 'app.factory.js')))
    throw new Error('backend/dist is missing: run `npm run build -w backend` first');
  const { LEADER_LOCK_KEY } = await dist<typeof LeaderLockModule>('sync/leader/leader-lock.js');
  const shape = {
    opportunities: options.opportunities,
    users: options.users,
    levels: options.levels,
    seed: options.seed,
  };
  const mirror = await openMirror(shape, options.rebuild);
  const db = new pg.Client({ connectionString: mirror.databaseUrl });
  let org: RunningEmulator | undefined;
  let backend: BackendProcess | undefined;
  try {
    await db.connect();
    const { rows } = await db.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LEADER_LOCK_KEY]);
    if (!rows[0].ok) throw new Error('another process leads the sync of this mirror');
    const keys = orgKeys();
    org = await startOrg(shape, mirror.meta.now, keys, 0);
    const viewers = await chooseViewers(db, org);
    for (const v of viewers)
      log(`${v.kind}: ${v.username}, ${v.usersBelow} users below, ${v.opportunities} opportunities visible`);
    // Quiet: an overloaded /health logs an error per request; the result says what failed, and how.
    backend = await startBackend(backendEnv(org.url, keys, mirror.databaseUrl, 'fatal'));
    const { endpoints, skipped } = await discoverEndpoints(backend.url);
    log(`${endpoints.length} endpoints: ${endpoints.map((e) => e.path).join(' ')}`);
    for (const s of skipped) log(`skipped ${s.path}: ${s.reason}`);
    if (endpoints.length === 0) throw new Error('the OpenAPI document lists no GET endpoint under /api');

    const loadBefore = loadavg()[0];
    const changing = options.changes > 0 ? changeMirror(db, options.changes) : undefined;
    const suite = await runSuite({
      baseUrl: backend.url,
      endpoints,
      viewers,
      token: (username) => userToken(org!, username),
      duration: options.duration,
      connections: options.connections,
    }).finally(() => clearInterval(changing));
    const { rows: version } = await db.query<{ server_version: string }>('SHOW server_version');
    return {
      options: { ...shape, duration: options.duration, connections: options.connections, changes: options.changes },
      mirror: { ...mirror.meta, cached: mirror.cached },
      viewers,
      ...suite,
      skipped,
      machine: {
        cpus: cpus().length,
        loadAverage: [round2(loadBefore), round2(loadavg()[0])],
        node: process.version,
        postgres: version[0].server_version,
      },
    };
  } finally {
    await backend?.stop();
    await org?.close();
    await db.end().catch(() => undefined);
    await mirror.stop();
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * What a change from the org does to cached answers: the mirror's version moves (the sync's
 * triggers bump it in the same transaction as the rows), so every cached answer is stale.
 */
function changeMirror(db: pg.Client, perSecond: number): NodeJS.Timeout {
  log(`moving the mirror's version ${perSecond} times a second`);
  return setInterval(() => {
    db.query('UPDATE mirror_version SET version = version + 1, changed_at = now() WHERE id = 1').catch((error: Error) =>
      log(`could not move the mirror's version: ${error.message}`),
    );
  }, 1000 / perSecond);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const options = parseOptions(process.argv.slice(2));
    if (!options) {
      console.log(USAGE);
    } else {
      if (options.opportunities > 200_000 && getHeapStatistics().heap_size_limit < 4 * 2 ** 30)
        log('an org this large needs more heap: run through `npm run bench:api` or with --max-old-space-size=6144');
      console.log(JSON.stringify(await measureApi(options), null, 2));
    }
    process.exit(0);
  } catch (error) {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else console.error((error as Error).stack ?? String(error));
    process.exit(error instanceof UsageError ? 2 : 1);
  }
}
