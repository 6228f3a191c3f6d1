// The sync engine's three figures in one run, as one JSON document (progress on stderr):
//   load       initial load of N opportunities beside a raw COPY of the same rows (the ratio)
//   apply      sustained CDC apply rate of a burst of change events, batched
//   freshness  commit in the org -> row readable in PostgreSQL, at a steady change rate
// Each figure's goal from the issue is printed beside it, with whether this run met it.
//
//   npm run bench:sync -- --opportunities 1000000 --rate 500 --seconds 20
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { FreshnessMeasurement } from './freshness.ts';
import type { LoadMeasurement } from './load.ts';
import type { ApplyMeasurement } from './stream.ts';

const USAGE = `Usage: npm run bench:sync -- [--opportunities N] [--events N] [--rate N] [--seconds N]
  --opportunities  opportunities in the initial load (default 1000000)
  --events         change events in the apply burst (default 50000)
  --rate           changes per second for the freshness run (default 500)
  --seconds        length of the freshness run (default 20)`;

const log = (message: string) => process.stderr.write(`[bench:sync] ${message}\n`);

/**
 * Each figure in a process of its own: the 1M-opportunity org of the load run is gone before the
 * next starts, and nothing one leaves behind (pools, timers) can disturb another's measurement.
 */
function measure<T>(script: string, args: string[], heap = false): Promise<T> {
  const flags = heap ? ['--max-old-space-size=6144'] : [];
  const child = spawn(process.execPath, [...flags, new URL(script, import.meta.url).pathname, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${script} ${args.join(' ')} exited with ${code}`));
      try {
        resolve(JSON.parse(out) as T);
      } catch {
        reject(new Error(`${script} printed no JSON result:\n${out}`));
      }
    });
  });
}

function positive(flag: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    console.error(`--${flag} must be a positive integer, got "${value}"\n\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: {
    opportunities: { type: 'string', default: '1000000' },
    events: { type: 'string', default: '50000' },
    rate: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '20' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const opportunities = positive('opportunities', values.opportunities);
const events = positive('events', values.events);
const rate = positive('rate', values.rate);
const seconds = positive('seconds', values.seconds);

try {
  log(`initial load of ${opportunities} opportunities`);
  // The emulated org holds every opportunity in memory: the load run gets a bigger heap.
  const load = await measure<LoadMeasurement>('./load.ts', ['--opportunities', String(opportunities)], true);
  log(`apply burst of ${events} events`);
  const apply = await measure<ApplyMeasurement>('./stream.ts', ['--events', String(events)]);
  log(`freshness at ${rate} changes/s for ${seconds} s`);
  const freshness = await measure<FreshnessMeasurement>('./freshness.ts', [
    '--rate',
    String(rate),
    '--seconds',
    String(seconds),
  ]);
  const goals = {
    loadVsRawCopy: { goal: '>= 0.5', value: load.ratio, met: load.ratio >= 0.5 },
    loadPeakRssMb: { goal: '< 300', value: load.load.peakRssMb, met: load.load.peakRssMb < 300 },
    applyEventsPerSecond: { goal: '>= 20000', value: apply.eventsPerSecond, met: apply.eventsPerSecond >= 20_000 },
    freshnessP99Ms: { goal: '< 250', value: freshness.freshnessMs.p99, met: freshness.freshnessMs.p99 < 250 },
  };
  console.log(JSON.stringify({ goals, load, apply, freshness }, null, 2));
  process.exit(0);
} catch (error) {
  console.error((error as Error).stack ?? error);
  process.exit(1);
}

export {}; // a module, for top-level await
