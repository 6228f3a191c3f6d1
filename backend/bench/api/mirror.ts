// The mirror the API is measured on, built the way production builds it: the emulated demo org at
// the asked size, loaded by the backend's own sync (Bulk API 2.0, COPY, every object) into
// embedded PostgreSQL. A million deals take minutes, so the cluster is kept under
// .data/bench-api/<key>, the key naming the flags and a digest of what shapes the data (the demo
// generator, the mirrored objects); meta.json, written last, marks it complete. The org's history
// ends when it was built while "this quarter" follows the clock, so a mirror a week old is rebuilt.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import type * as EmbeddedPostgresModule from '../../src/database/embedded-postgres.ts';
import type * as MirroredObjectsModule from '../../src/mirror/mirrored-objects.ts';
import { startBackend } from './backend-process.ts';
import { log, orgKeys, backendEnv, startOrg, type OrgKeys } from './org.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const DIST = join(ROOT, 'backend', 'dist');
export const CACHE_ROOT = join(ROOT, '.data', 'bench-api');
const dist = <T>(path: string): Promise<T> => import(pathToFileURL(join(DIST, path)).href) as Promise<T>;
const MAX_AGE_MS = 7 * 86_400_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface MirrorShape {
  opportunities: number;
  users: number;
  levels: number;
  seed: number;
}

export interface MirrorMeta extends MirrorShape {
  key: string;
  /** The demo org's reference instant: its history ends there, its open pipeline lies ahead. */
  now: number;
  builtAt: string;
  /** Generating the org in the emulator, then the backend's sync loading all of it. */
  generateSeconds: number;
  loadSeconds: number;
  /** Rows per mirror table after the load. */
  rows: Record<string, number>;
}

export interface Mirror {
  meta: MirrorMeta;
  /** Whether this run reused a mirror built before. */
  cached: boolean;
  dir: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

/** What the data depends on besides the flags: a change to any of it builds a new mirror. */
function sourceDigest(): string {
  const hash = createHash('sha256');
  const files = (dir: string, keep: (name: string) => boolean) =>
    readdirSync(join(ROOT, dir))
      .filter(keep)
      .sort()
      .map((name) => join(dir, name));
  const sources = [
    ...files('emulator/src/org/demo', (n) => n.endsWith('.ts') && !n.endsWith('.spec.ts')),
    'backend/src/mirror/mirrored-objects.ts',
  ];
  // Not the migrations: one added later runs on the kept cluster when the backend starts, as in
  // production; one that changes a mirrored table changes mirrored-objects.ts too.
  for (const file of sources) hash.update(file).update(readFileSync(join(ROOT, file)));
  return hash.digest('hex').slice(0, 10);
}

const prefixOf = (s: MirrorShape) => `o${s.opportunities}-u${s.users}-l${s.levels}-s${s.seed}-`;

/** The mirror for `shape`: the kept one when it is complete and current, else built now. */
export async function openMirror(shape: MirrorShape, rebuild: boolean): Promise<Mirror> {
  const key = prefixOf(shape) + sourceDigest();
  const dir = join(CACHE_ROOT, key);
  const metaFile = join(dir, 'meta.json');
  // Older builds of the same shape (other sources) only take disk: a million deals is gigabytes.
  if (existsSync(CACHE_ROOT)) {
    for (const name of readdirSync(CACHE_ROOT)) {
      if (name.startsWith(prefixOf(shape)) && name !== key) {
        log(`removing an outdated mirror: .data/bench-api/${name}`);
        rmSync(join(CACHE_ROOT, name), { recursive: true, force: true });
      }
    }
  }
  if (!rebuild && existsSync(metaFile)) {
    const { builtAt } = JSON.parse(readFileSync(metaFile, 'utf8')) as MirrorMeta;
    if (Date.now() - Date.parse(builtAt) > MAX_AGE_MS) {
      log(`the kept mirror was built ${builtAt}, over a week ago: building it again`);
      rebuild = true;
    }
  }
  if (rebuild || !existsSync(metaFile)) rmSync(dir, { recursive: true, force: true });
  const cached = existsSync(metaFile);
  await mkdir(dir, { recursive: true });
  const { startEmbeddedPostgres } = await dist<typeof EmbeddedPostgresModule>('database/embedded-postgres.js');
  const postgres = await startEmbeddedPostgres(dir);
  try {
    let meta: MirrorMeta;
    if (cached) {
      meta = JSON.parse(readFileSync(metaFile, 'utf8')) as MirrorMeta;
      log(`reusing the mirror in .data/bench-api/${key} (built ${meta.builtAt})`);
    } else {
      meta = await build(shape, key, postgres.url);
      writeFileSync(metaFile, JSON.stringify(meta, null, 2));
    }
    return { meta, cached, dir, databaseUrl: postgres.url, stop: () => postgres.stop() };
  } catch (error) {
    await postgres.stop();
    if (!cached) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function build(shape: MirrorShape, key: string, databaseUrl: string): Promise<MirrorMeta> {
  const now = Date.now();
  const keys: OrgKeys = orgKeys();
  log(`building the mirror: ${shape.opportunities} opportunities, ${shape.users} users, ${shape.levels} role levels`);
  let started = performance.now();
  const org = await startOrg(shape, now, keys, shape.opportunities);
  const generateSeconds = (performance.now() - started) / 1000;
  log(`org generated in ${generateSeconds.toFixed(1)} s: ${JSON.stringify(org.demo?.counts)}`);
  started = performance.now();
  const backend = await startBackend(backendEnv(org.url, keys, databaseUrl));
  try {
    await untilStreaming(backend.url);
  } finally {
    await backend.stop();
    await org.close();
  }
  const loadSeconds = (performance.now() - started) / 1000;
  log(`mirror loaded by the sync in ${loadSeconds.toFixed(1)} s; vacuuming and analysing`);
  const { MIRRORED_OBJECTS } = await dist<typeof MirroredObjectsModule>('mirror/mirrored-objects.js');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const rows: Record<string, number> = {};
  try {
    // What autovacuum would have done by the time anyone reads a freshly loaded mirror.
    await client.query('VACUUM (ANALYZE)');
    for (const { table } of MIRRORED_OBJECTS) {
      const { rows: counted } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
      rows[table] = Number(counted[0].n);
    }
  } finally {
    await client.end();
  }
  if (rows.opportunity !== shape.opportunities)
    throw new Error(`the mirror holds ${rows.opportunity} opportunities, not ${shape.opportunities}`);
  return {
    ...shape,
    key,
    now,
    builtAt: new Date().toISOString(),
    generateSeconds: round(generateSeconds),
    loadSeconds: round(loadSeconds),
    rows,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Waits for the sync to have loaded every object and to stream, saying how far it is meanwhile. */
async function untilStreaming(url: string): Promise<void> {
  let said = 0;
  for (;;) {
    const response = await fetch(`${url}/health`).catch(() => undefined);
    const body = (await response?.json().catch(() => undefined)) as
      { info?: { sync?: { state?: string; lastError?: string | null; objects?: Record<string, string> } } } | undefined;
    const sync = body?.info?.sync;
    if (sync?.state === 'streaming') return;
    if (performance.now() - said > 15_000) {
      said = performance.now();
      const objects = Object.entries(sync?.objects ?? {})
        .map(([name, state]) => `${name}:${state}`)
        .join(' ');
      log(
        `sync ${sync?.state ?? '(the backend is not answering)'} ${objects}${sync?.lastError ? ` (last error: ${sync.lastError})` : ''}`,
      );
    }
    await sleep(500);
  }
}
