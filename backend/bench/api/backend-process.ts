// The backend under test in a process of its own (the same createApp as production, from dist/):
// the emulated org (gigabytes of heap at a million deals) and the load generator live in the
// parent, so neither their garbage collection nor their event loop is measured as the API's.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as AppFactoryModule from '../../src/app.factory.ts';
import type * as ConfigModule from '../../src/config/pulse-config.ts';

const DIST = join(fileURLToPath(new URL('../..', import.meta.url)), 'dist');
const dist = <T>(path: string): Promise<T> => import(pathToFileURL(join(DIST, path)).href) as Promise<T>;

export interface BackendProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the backend with `env` as its whole configuration; resolves once it listens. */
export async function startBackend(env: Record<string, string>): Promise<BackendProcess> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // The backend's own log lines are progress, not the result.
  child.stdout?.pipe(process.stderr);
  child.stderr?.pipe(process.stderr);
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`the backend exited with ${String(code)} before listening`);
    }),
  ])) as [{ url?: string; error?: string }];
  if (!message.url) throw new Error(`the backend did not start: ${message.error}`);
  return {
    url: message.url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.send('stop');
      await exited;
    },
  };
}

/** In the child: the app, listening on a free port of the loopback interface. */
async function serve(): Promise<void> {
  const { createApp } = await dist<typeof AppFactoryModule>('app.factory.js');
  const { loadConfig } = await dist<typeof ConfigModule>('config/pulse-config.js');
  const config = loadConfig(process.env);
  const app = await createApp(config, { url: process.env.DATABASE_URL!, ssl: false });
  await app.listen(0, '127.0.0.1');
  process.send!({ url: (await app.getUrl()).replace('[::1]', '127.0.0.1') });
  process.on('message', (message) => {
    if (message === 'stop') void app.close().then(() => process.exit(0));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--serve')) {
  serve().catch((error: Error) => {
    process.send?.({ error: error.stack ?? error.message });
    process.exit(1);
  });
}
