import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigurationError, loadConfig } from './config/pulse-config';
import { openDatabase } from './database/database';

async function main(): Promise<void> {
  const config = loadConfig();
  // PostgreSQL narrates its start-up at length; only its problems are worth showing.
  const database = await openDatabase(config, (message) => {
    if (/\b(ERROR|FATAL|PANIC)\b/.test(message)) process.stderr.write(`[postgres] ${message}\n`);
  });
  const app = await createApp(config, database);
  await app.listen(config.http.port, config.http.host);
  const url = await app.getUrl();
  console.log(`Pulse backend listening on ${url} (API docs at ${url}/docs)`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`Pulse backend stopping (${signal})`);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  // A configuration mistake is the user's to fix: say what it is, without a stack trace.
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
