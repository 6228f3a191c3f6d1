// The container image's content, without Docker: this assembles what backend/Dockerfile's runtime
// stage holds (the repository's manifests and lockfile, production dependencies installed with the
// Dockerfile's own npm flags, and the compiled backend/dist) in an empty temporary folder, outside
// the repository so nothing can be resolved from its node_modules. Then it runs `node dist/main.js`
// from there, configured the way ECS configures the task, against the test PostgreSQL and the org
// emulator, calls /health and the API, and stops it with SIGTERM as ECS does.
//
// Needs backend/dist (`npm test` builds first) and the npm registry or npm's cache (the install
// prefers the cache: a few seconds when the packages are there).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startEmulator, type RunningEmulator } from '@pulse/emulator';
import { eventually } from '../support/eventually';
import { INTEGRATION_USER } from '../support/stack';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const REPOSITORY = resolve(__dirname, '..', '..', '..');
const METRICS_TOKEN = 'bundle-test-metrics-token';
const BACKEND = join(REPOSITORY, 'backend');

/** The production-dependencies stage of backend/Dockerfile, flag for flag. */
const PRODUCTION_INSTALL = [
  'install',
  '--workspace',
  'backend',
  '--omit=dev',
  '--ignore-scripts',
  '--no-audit',
  '--no-fund',
];

const rsa = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

/** A port nobody listens on. (src/database/embedded-postgres.ts has one, but importing it loads an ES module Jest cannot.) */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Assembles the runtime stage's /app in `root`; returns how long the install took (ms). */
async function assembleBundle(root: string): Promise<number> {
  mkdirSync(join(root, 'backend'));
  for (const file of ['package.json', 'package-lock.json', 'tsconfig.json', 'backend/package.json']) {
    cpSync(join(REPOSITORY, file), join(root, file));
  }
  const started = Date.now();
  await promisify(execFile)('npm', [...PRODUCTION_INSTALL, '--prefer-offline'], {
    cwd: root,
    env: { ...process.env, npm_config_update_notifier: 'false' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const installMs = Date.now() - started;
  cpSync(join(BACKEND, 'dist'), join(root, 'backend', 'dist'), { recursive: true });
  return installMs;
}

/** The environment ECS gives the task (see infra/src/backend-service.ts), for local services. */
function taskEnvironment(databaseUrl: string, port: number, salesforce: Record<string, string>): NodeJS.ProcessEnv {
  const url = new URL(databaseUrl);
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    // 0.0.0.0 in the container; loopback here.
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    DATABASE_HOST: url.hostname,
    DATABASE_PORT: url.port,
    DATABASE_NAME: url.pathname.slice(1),
    DATABASE_USER: decodeURIComponent(url.username),
    DATABASE_PASSWORD: decodeURIComponent(url.password),
    // The test server has no TLS; in AWS it is true, verified against the RDS CA the image bundles.
    DATABASE_SSL: 'false',
    PULSE_METRICS_TOKEN: METRICS_TOKEN,
    ...salesforce,
  };
}

describe('production bundle (the Docker image’s content, run with node)', () => {
  let root: string;
  let installMs: number;
  let emulator: RunningEmulator;
  let database: TestDatabase;
  let backend: ChildProcess | undefined;
  let baseUrl: string;
  let output = '';
  let exit: Promise<number | null>;
  let stopCode: number | string | null = null;

  beforeAll(async () => {
    if (!existsSync(join(BACKEND, 'dist', 'main.js'))) {
      throw new Error('backend/dist/main.js is missing: run `npm run build -w backend` (npm test does) first');
    }
    root = mkdtempSync(join(tmpdir(), 'pulse-bundle-'));
    installMs = await assembleBundle(root);

    const connectedApp = rsa();
    const orgSigning = rsa();
    emulator = await startEmulator({
      connectedApp: { consumerKey: 'pulse-bundle-test', certificate: connectedApp.publicKey },
      orgSigningKey: orgSigning.privateKey,
      streaming: { longPollTimeoutMs: 2_000 },
    });
    database = await createTestDatabase();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    backend = spawn(process.execPath, ['dist/main.js'], {
      cwd: join(root, 'backend'),
      env: taskEnvironment(database.url, port, {
        SF_LOGIN_URL: emulator.url,
        SF_CLIENT_ID: 'pulse-bundle-test',
        SF_USERNAME: INTEGRATION_USER,
        SF_PRIVATE_KEY: connectedApp.privateKey,
        PULSE_ORG_CERTIFICATE: orgSigning.publicKey,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    backend.stdout?.on('data', (chunk) => (output += chunk));
    backend.stderr?.on('data', (chunk) => (output += chunk));
    exit = new Promise((resolveExit) => backend?.once('exit', (code) => resolveExit(code)));
  }, 120_000);

  afterAll(async () => {
    if (backend && backend.exitCode === null && backend.signalCode === null) backend.kill('SIGKILL');
    await emulator?.close();
    await database?.drop();
    if (root) rmSync(root, { recursive: true, force: true });
  }, 30_000);

  it('holds production dependencies only, installed in well under a minute', () => {
    const modules = join(root, 'node_modules');
    for (const runtime of ['@nestjs/core', 'typeorm', 'pg', 'jsforce', 'prom-client']) {
      expect(existsSync(join(modules, runtime))).toBe(true);
    }
    // Development tools, the backend's and the root's, and the other workspaces' dependencies stay out.
    for (const excluded of ['supertest', '@nestjs/testing', 'typescript', 'jest', 'aws-cdk-lib', 'fastify', 'lwc']) {
      expect([excluded, existsSync(join(modules, excluded))]).toEqual([excluded, false]);
    }
    expect(installMs).toBeLessThan(60_000);
  });

  it('starts and answers /health with the database up and the sync state', async () => {
    const health = await eventually(
      async () => {
        if (backend?.exitCode !== null) throw new Error(`The backend exited (${backend?.exitCode}):\n${output}`);
        const response = await fetch(`${baseUrl}/health`);
        expect(response.status).toBe(200);
        return (await response.json()) as { status: string; info: Record<string, { status: string; state?: string }> };
      },
      30_000,
      200,
    );
    expect(health.status).toBe('ok');
    expect(health.info.database.status).toBe('up');
    expect(health.info.sync).toEqual(expect.objectContaining({ status: 'up', state: expect.any(String) }));
    expect(output).toContain('Pulse backend listening on');
  }, 40_000);

  it('mirrors the org and serves a signed user the pipeline', async () => {
    const response = await fetch(`${emulator.url}/emulator/user-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'dana.whitfield@pulse.demo' }),
    });
    const { token } = (await response.json()) as { token: string };
    const body = await eventually(
      async () => {
        const answer = await fetch(`${baseUrl}/api/pipeline/by-stage`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(answer.status).toBe(200);
        const json = (await answer.json()) as { totals: { count: number } };
        expect(json.totals.count).toBeGreaterThan(0);
        return json;
      },
      30_000,
      250,
    );
    expect(body.totals.count).toBeGreaterThan(0);
    // Logs are JSON lines, as CloudWatch gets them.
    const lines = output.split('\n').filter((line) => line.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    expect(() => lines.forEach((line) => JSON.parse(line))).not.toThrow();
  }, 40_000);

  it('serves the collector sidecar its metrics with the metrics token, and nobody without it', async () => {
    const scrape = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scrape.status).toBe(200);
    const text = await scrape.text();
    // The names the CloudWatch alarms and dashboard read (infra/src/telemetry-collector.ts).
    for (const name of ['pulse_sync_lag_seconds', 'pulse_sync_events_applied_total', 'pulse_sync_errors_total']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect((await fetch(`${baseUrl}/metrics`)).status).toBe(401);
  });

  it('stops on SIGTERM, as ECS stops a task, well within the stop timeout', async () => {
    backend?.kill('SIGTERM');
    stopCode = await Promise.race([
      exit,
      new Promise<string>((resolveTimeout) =>
        setTimeout(() => resolveTimeout('still running after 15 s'), 15_000).unref(),
      ),
    ]);
    expect(typeof stopCode).toBe('number');
    expect(output).toContain('Pulse backend stopping (SIGTERM)');
  }, 20_000);

  // embedded-postgres's exit hook (installed on import) used to exit with 143 before main.ts had
  // closed the app; it is now imported only when the embedded server is used.
  it('exits 0 after closing the app', () => {
    expect(stopCode).toBe(0);
  });
});
