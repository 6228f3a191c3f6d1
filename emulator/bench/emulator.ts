// `npm run bench:emulator`: how fast the org emulator is, measured in one run and printed as one
// JSON document on stdout: REST query throughput (default demo org and a scaled one, each against
// the in-process SOQL engine), Change Data Capture delivered to a jsforce subscriber (against the
// store's own transaction rate), and the demo generator's rate and memory. Progress goes to stderr.
import os from 'node:os';
import { parseBenchArgs } from './args.ts';
import { ensureHeap } from './heap.ts';
import { measureCdc } from './cdc.ts';
import { measureGeneration } from './generation.ts';
import { peakRssMb } from './measure.ts';
import { startBenchOrg } from './org.ts';
import { Progress } from './progress.ts';
import { measureQueries } from './queries.ts';

const options = parseBenchArgs(process.argv.slice(2));
ensureHeap(options.opportunities, import.meta.filename);
const progress = new Progress();
const startedAt = new Date().toISOString();

// Generation first, in a fresh process, so that its peak RSS is its own.
const generation = measureGeneration(options, progress);

progress.phase('start demo org');
const demo = await startBenchOrg({ seed: options.seed });
progress.done(`${demo.emulator.store.count('Opportunity')} opportunities at ${demo.emulator.url}`);
const demoQueries = await measureQueries(demo, options, progress, 'demo');
const cdc = await measureCdc(demo, options, progress);
await demo.emulator.close();

progress.phase('start scaled org');
const scaled = await startBenchOrg({ seed: options.seed, opportunities: options.opportunities });
progress.done(`${scaled.emulator.store.count('Opportunity')} opportunities`);
const scaledQueries = await measureQueries(scaled, options, progress, 'scaled');
await scaled.emulator.close();

const result = {
  benchmark: 'emulator',
  startedAt,
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  options,
  query: { demoOrg: demoQueries, scaledOrg: scaledQueries },
  cdc,
  generation,
  peakRssMb: peakRssMb(),
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
