// A backend process for crash tests: the production app, configured from the environment, on a
// free port; prints `LISTENING <url>` once up. The test kills it with SIGKILL at will.
import 'reflect-metadata';
import { createApp } from '../../../src/app.factory';
import { loadConfig } from '../../../src/config/pulse-config';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config, { url: process.env.DATABASE_URL!, ssl: false });
  await app.listen(0, '127.0.0.1');
  process.stdout.write(`LISTENING ${await app.getUrl()}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
