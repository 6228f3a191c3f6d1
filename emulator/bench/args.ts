// Command-line flags of `npm run bench:emulator`, validated up front with a clear message.
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Size of the scaled org (and of the generation run). */
  opportunities: number;
  /** How long each throughput measurement runs. */
  durationMs: number;
  /** Change events sent in the CDC burst. */
  events: number;
  /** Requests in flight in the concurrent HTTP measurement. */
  concurrency: number;
  seed: number;
}

export const USAGE = `Usage: npm run bench:emulator -- [options]
Measures the org emulator and prints one JSON document on stdout (progress goes to stderr).
  --opportunities <n>  opportunities in the scaled org and the generation run (default 100000, 1..1000000)
  --duration <ms>      length of each throughput measurement (default 2000, 100..600000)
  --events <n>         change events in the CDC burst to the jsforce subscriber (default 20000, 1..1000000)
  --concurrency <n>    requests in flight for the concurrent REST measurement (default 8, 1..256)
  --seed <n>           demo data seed (default 42)
  -h, --help           this text`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function integer(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    fail(`--${flag} must be an integer from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

export function parseBenchArgs(argv: string[]): BenchOptions {
  let values;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: {
        opportunities: { type: 'string', default: '100000' },
        duration: { type: 'string', default: '2000' },
        events: { type: 'string', default: '20000' },
        concurrency: { type: 'string', default: '8' },
        seed: { type: 'string', default: '42' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    opportunities: integer('opportunities', values.opportunities, 1, 1_000_000),
    durationMs: integer('duration', values.duration, 100, 600_000),
    events: integer('events', values.events, 1, 1_000_000),
    concurrency: integer('concurrency', values.concurrency, 1, 256),
    seed: integer('seed', values.seed, 0, 2 ** 31),
  };
}
