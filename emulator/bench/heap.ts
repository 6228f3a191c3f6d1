// Memory control for the benchmark: a full garbage collection before each measurement (so one
// phase's garbage is not timed in the next), and enough heap for the org size asked for.
import { spawnSync } from 'node:child_process';
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
/** V8's gc(), reachable without starting node with --expose-gc. */
export const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Heap an org of this size needs, with the demo org and headroom (measured: ~7 KB per opportunity). */
const neededMb = (opportunities: number) => Math.ceil((opportunities * 8) / 1024) + 1536;

/**
 * Runs this script again in a child with a larger heap when V8's default limit is too small for
 * `opportunities`; returns only when the current process is big enough.
 */
export function ensureHeap(opportunities: number, script: string): void {
  const limitMb = v8.getHeapStatistics().heap_size_limit / 1_048_576;
  const needed = neededMb(opportunities);
  if (limitMb >= needed || process.env.PULSE_BENCH_HEAP_MB) return;
  const child = spawnSync(process.execPath, [`--max-old-space-size=${needed}`, script, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, PULSE_BENCH_HEAP_MB: String(needed) },
  });
  process.exit(child.status ?? 1);
}
