// `npm start`: the whole product on its embedded defaults, as one process tree: the org emulator,
// the backend (with its embedded PostgreSQL) and the preview page. Ctrl-C stops all of it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { ensureDevKeys } from '../emulator/src/devKeys.ts';

const root = resolve(import.meta.dirname, '..');
const dataDir = resolve(process.env.PULSE_DATA_DIR ?? join(root, '.data'));
const host = '127.0.0.1';
const ports = {
  emulator: process.env.EMULATOR_PORT ?? '4100',
  backend: process.env.PORT ?? '3000',
  preview: process.env.PREVIEW_PORT ?? '4200',
  // The preview's local mail capture, where the backend sends alert e-mail.
  smtp: process.env.PREVIEW_SMTP_PORT ?? '2525',
};
const urls = {
  emulator: `http://${host}:${ports.emulator}`,
  backend: `http://${host}:${ports.backend}`,
  preview: `http://${host}:${ports.preview}`,
};
const COLORS = { emulator: 35, backend: 36, preview: 33 } as const;
type Service = keyof typeof COLORS;

const children = new Map<Service, ChildProcess>();
let stopping = false;

function start(name: Service, script: string, args: string[], env: Record<string, string>): void {
  const child = spawn(process.execPath, [join(root, script), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = process.stdout.isTTY ? `\x1b[${COLORS[name]}m${name.padEnd(8)}\x1b[0m│ ` : `${name.padEnd(8)}| `;
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (line) => console.log(prefix + line));
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
      void stop(1);
    } else if (children.size === 0) process.exit(process.exitCode ?? 0);
  });
  children.set(name, child);
}

/** Polls until `url` answers (any HTTP status) or the service dies. */
async function ready(name: Service, url: string, ok: (status: number) => boolean = () => true): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (stopping) throw new Error('stopping');
    try {
      if (ok((await fetch(url, { signal: AbortSignal.timeout(2_000) })).status)) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 120_000) throw new Error(`${name} did not become ready at ${url} within 120 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`✔ ${name} ready at ${url} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** The page is worth opening once the org is in the mirror: waits for the sync to stream. */
async function mirrorLoaded(healthUrl: string): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (stopping) throw new Error('stopping');
    const health = (await fetch(healthUrl).then(
      (r) => r.json(),
      () => undefined,
    )) as { info?: { sync?: { state?: string } } } | undefined;
    if (health?.info?.sync?.state === 'streaming') break;
    if (Date.now() - started > 600_000) throw new Error('the mirror did not finish loading within 10 minutes');
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`✔ mirror loaded and streaming (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

async function stop(exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.exitCode = exitCode;
  if (children.size === 0) process.exit(exitCode);
  for (const child of children.values()) child.kill('SIGTERM');
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(exitCode || 1);
  }, 15_000).unref();
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

const keys = ensureDevKeys(dataDir);
console.log(`Starting Pulse on embedded defaults (data in ${dataDir})`);
// The org lives in a state file, so a restart finds the same org (and the mirror's replayId stays valid).
start(
  'emulator',
  'emulator/src/main.ts',
  [
    ...['--port', ports.emulator, '--host', host, '--consumer-key', 'pulse-local'],
    ...['--connected-app-certificate', keys.connectedApp.publicKey, '--org-signing-key', keys.orgSigning.privateKey],
    ...['--state-file', join(dataDir, 'emulator', 'org.ndjson.gz'), '--traffic', process.env.EMULATOR_TRAFFIC ?? '0.5'],
  ],
  {},
);
try {
  await ready('emulator', `${urls.emulator}/services/data`);
  start('backend', 'backend/dist/main.js', [], {
    PORT: ports.backend,
    HOST: host,
    PULSE_DATA_DIR: dataDir,
    SF_LOGIN_URL: urls.emulator,
    SF_CLIENT_ID: 'pulse-local',
    SF_USERNAME: 'integration@pulse.demo',
    SF_PRIVATE_KEY_FILE: keys.connectedApp.privateKey,
    PULSE_ORG_CERTIFICATE_FILE: keys.orgSigning.publicKey,
    PULSE_SMTP_URL: `smtp://${host}:${ports.smtp}`,
    LOG_FORMAT: process.env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
  });
  await ready('backend', `${urls.backend}/health`, (status) => status === 200);
  await mirrorLoaded(`${urls.backend}/health`);
  start('preview', 'preview/src/main-server.ts', [], {
    PREVIEW_PORT: ports.preview,
    PREVIEW_SMTP_PORT: ports.smtp,
    BACKEND_URL: urls.backend,
    EMULATOR_URL: urls.emulator,
    PREVIEW_USERNAME: process.env.PREVIEW_USERNAME ?? 'dana.whitfield@pulse.demo',
  });
  await ready('preview', urls.preview, (status) => status === 200);
  console.log(
    `\nPulse is running: ${urls.preview}\n  API docs  ${urls.backend}/docs\n  Change the demo org: npm run org -- advance\n  Stop: Ctrl-C\n`,
  );
} catch (error) {
  if (!stopping) {
    console.error((error as Error).message);
    await stop(1);
  }
}
