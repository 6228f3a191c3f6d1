// Generation rate: the demo org generator alone, on a bare store, with the memory it takes.
import { OrgStore } from '../src/org/store.ts';
import { seedDemoOrg } from '../src/org/demoOrg.ts';
import { SOBJECTS } from '../src/org/schema.ts';
import type { BenchOptions } from './args.ts';
import { collectGarbage } from './heap.ts';
import { mb, peakRssMb, round } from './measure.ts';
import type { Progress } from './progress.ts';

export function measureGeneration(options: BenchOptions, progress: Progress) {
  progress.phase('generation');
  progress.update(`${options.opportunities} opportunities (one synchronous run)`);
  collectGarbage();
  const store = new OrgStore({ orgId: '00D5g000004BENCHAA' });
  const start = performance.now();
  seedDemoOrg(store, { seed: options.seed, opportunities: options.opportunities });
  const seconds = (performance.now() - start) / 1000;
  const bySObject: Record<string, number> = {};
  for (const s of SOBJECTS) if (store.count(s.name) > 0) bySObject[s.name] = store.count(s.name);
  const records = Object.values(bySObject).reduce((a, b) => a + b, 0);
  const result = {
    opportunities: options.opportunities,
    records,
    bySObject,
    seconds: round(seconds, 2),
    recordsPerSecond: Math.round(records / seconds),
    opportunitiesPerSecond: Math.round(options.opportunities / seconds),
    rssAfterMb: mb(process.memoryUsage().rss),
    heapUsedAfterMb: mb(process.memoryUsage().heapUsed),
    peakRssMb: peakRssMb(),
  };
  progress.done(
    `${records} records in ${result.seconds} s (${result.recordsPerSecond}/s), peak RSS ${result.peakRssMb} MB`,
  );
  return result;
}
