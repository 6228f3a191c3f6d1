// `npm run backtest`: the forecast backtest, printed as a table and a chart. Without DATABASE_URL it
// stands up the demo org (the emulator), an embedded PostgreSQL and the backend, lets the backend's
// own sync load the mirror, then backtests it; with DATABASE_URL it backtests that mirror as it is.
//
//   npm run backtest -- [--quarters 4] [--cadence month|quarter] [--seed 42] [--as <username>]
//                       [--opportunities 3000] [--demo-seed 42]
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { createApp } from '../../app.factory';
import { loadConfig } from '../../config/pulse-config';
import { dataSourceOptions } from '../../database/data-source';
import { startEmbeddedPostgres } from '../../database/embedded-postgres';
import { SyncService } from '../../sync/sync.service';
import { backtestReport } from '../backtest/backtest-report';
import { CADENCES, type AccuracyQueryDto, type Cadence } from '../dto/accuracy-query.dto';
import type { ForecastAccuracyDto } from '../dto/forecast-accuracy.dto';
import { forecastContext } from './forecast-context';

const USAGE = `Usage: npm run backtest -- [options]
  --quarters N        completed fiscal quarters to backtest (default 4)
  --cadence C         month (a forecast on the 1st of each month) or quarter (default month)
  --seed N            simulation seed (default 42)
  --as USER           backtest what this user sees (Username or Id; default: everything)
  --opportunities N   demo org size, without DATABASE_URL (default 3000)
  --demo-seed N       demo org seed, without DATABASE_URL (default 42)
  DATABASE_URL        backtest this mirror instead of a fresh demo org`;

/** The emulator, loaded only for the demo (a development dependency, never in the image). */
interface Emulator {
  url: string;
  close(): Promise<void>;
}
type StartEmulator = (options: object) => Promise<Emulator>;

const log = (message: string) => process.stderr.write(`[backtest] ${message}\n`);

function whole(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) {
    console.error(`--${name} must be a whole number, got "${text}"\n\n${USAGE}`);
    process.exit(2);
  }
  return Number(text);
}

async function onMirror(databaseUrl: string, query: AccuracyQueryDto, user?: string): Promise<ForecastAccuracyDto> {
  const db = new DataSource({
    ...dataSourceOptions(databaseUrl, process.env.DATABASE_SSL === 'true'),
    migrationsRun: false,
  });
  await db.initialize();
  try {
    const context = forecastContext(db, {
      currency: process.env.PULSE_CURRENCY ?? 'USD',
      fiscalYearStartMonth: Number(process.env.PULSE_FISCAL_YEAR_START_MONTH ?? 1),
    });
    return await context.accuracy.accuracy(query, await context.viewer(user));
  } finally {
    await db.destroy();
  }
}

async function onDemo(
  opportunities: number,
  seed: number,
  query: AccuracyQueryDto,
  user?: string,
): Promise<ForecastAccuracyDto> {
  const emulatorModule = '@pulse/emulator';
  const { startEmulator } = (await import(emulatorModule)) as { startEmulator: StartEmulator };
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const dir = mkdtempSync(join(tmpdir(), 'pulse-backtest-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as another user, who must reach its folder
  log(`demo org: ${opportunities} opportunities (seed ${seed})`);
  const emulator = await startEmulator({
    connectedApp: { consumerKey: 'pulse-backtest', certificate: keys.publicKey },
    demo: { opportunities, seed },
  });
  const postgres = await startEmbeddedPostgres(join(dir, 'pg'));
  try {
    const config = loadConfig({
      SF_LOGIN_URL: emulator.url,
      SF_CLIENT_ID: 'pulse-backtest',
      SF_USERNAME: 'integration@pulse.demo',
      SF_PRIVATE_KEY: keys.privateKey,
      PULSE_ORG_CERTIFICATE: keys.publicKey,
      DATABASE_URL: postgres.url,
      LOG_LEVEL: 'error',
      LOG_FORMAT: 'json',
    });
    const app = await createApp(config, { url: postgres.url, ssl: false });
    try {
      await app.init();
      const sync = app.get(SyncService);
      log('loading the mirror through the backend sync');
      while (sync.status.state !== 'streaming') await new Promise((resolve) => setTimeout(resolve, 100));
      log('backtesting');
      const context = forecastContext(app.get(DataSource), config);
      return await context.accuracy.accuracy(query, await context.viewer(user));
    } finally {
      await app.close();
    }
  } finally {
    await emulator.close();
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quarters: { type: 'string' },
      cadence: { type: 'string' },
      seed: { type: 'string' },
      as: { type: 'string' },
      opportunities: { type: 'string' },
      'demo-seed': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const cadence = (values.cadence ?? 'month') as Cadence;
  if (!CADENCES.includes(cadence)) {
    console.error(`--cadence must be one of ${CADENCES.join(', ')}\n\n${USAGE}`);
    process.exit(2);
  }
  const query: AccuracyQueryDto = {
    quarters: whole('quarters', values.quarters, 4),
    cadence,
    seed: whole('seed', values.seed, 42),
  };
  const databaseUrl = process.env.DATABASE_URL;
  const opportunities = whole('opportunities', values.opportunities, 3000);
  const demoSeed = whole('demo-seed', values['demo-seed'], 42);
  const result = databaseUrl
    ? await onMirror(databaseUrl, query, values.as)
    : await onDemo(opportunities, demoSeed, query, values.as);
  const where = databaseUrl
    ? 'the mirror at DATABASE_URL'
    : `the demo org (${opportunities} opportunities, seed ${demoSeed})`;
  console.log(backtestReport(result, `Forecast backtest on ${where}${values.as ? `, as ${values.as}` : ''}`));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
