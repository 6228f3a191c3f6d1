// Generation rate of the demo org: `node emulator/src/org/demo/bench.ts [opportunities] [seed]`.
// Prints one JSON line: records made, wall time and peak resident memory of this process.
import { OrgStore } from '../store.ts';
import { seedDemoOrg } from './index.ts';

const opportunities = Number(process.argv[2] ?? 3_000);
const seed = Number(process.argv[3] ?? 42);
const now = Date.UTC(2026, 10, 24, 9);
const store = new OrgStore({ orgId: '00D5g000004PULSEAAA', clock: () => now });
const started = performance.now();
const { counts } = seedDemoOrg(store, { seed, now, opportunities });
const seconds = (performance.now() - started) / 1_000;
const records = Object.values(counts ?? {}).reduce((a, b) => a + b, 0);
console.log(
  JSON.stringify({
    opportunities,
    seconds: Math.round(seconds * 100) / 100,
    recordsPerSecond: Math.round(records / seconds),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1_024),
    heapUsedMB: Math.round(process.memoryUsage().heapUsed / 1_048_576),
    counts,
  }),
);
