// Timing helpers: run something for a while (sequentially or with N in flight) and report its rate
// and latency percentiles; memory figures in MB.
import { collectGarbage } from './heap.ts';

export interface Rate {
  count: number;
  seconds: number;
  perSecond: number;
  latencyMs: { p50: number; p95: number; max: number };
}

export const round = (n: number, digits = 1): number => Number(n.toFixed(digits));
export const mb = (bytes: number): number => round(bytes / 1_048_576);
/** Highest resident set size of this process so far (Linux reports maxRSS in KiB). */
export const peakRssMb = (): number => round(process.resourceUsage().maxRSS / 1024);

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summarize(latencies: number[], seconds: number): Rate {
  const sorted = Float64Array.from(latencies).sort();
  const list = Array.from(sorted);
  return {
    count: list.length,
    seconds: round(seconds, 2),
    perSecond: round(list.length / seconds),
    latencyMs: {
      p50: round(percentile(list, 50), 3),
      p95: round(percentile(list, 95), 3),
      max: round(list.at(-1) ?? NaN, 3),
    },
  };
}

/** Calls a synchronous `fn` back to back for `durationMs` (in-process baselines). */
export function repeatSync(durationMs: number, fn: () => unknown, tick?: (done: number) => void): Rate {
  collectGarbage();
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + durationMs;
  let now = start;
  while (now < end) {
    const before = now;
    fn();
    now = performance.now();
    latencies.push(now - before);
    tick?.(latencies.length);
  }
  return summarize(latencies, (now - start) / 1000);
}

/** Keeps `concurrency` calls of `fn` in flight for `durationMs`. */
export async function repeatAsync(
  durationMs: number,
  concurrency: number,
  fn: () => PromiseLike<unknown>,
  tick?: (done: number) => void,
): Promise<Rate> {
  collectGarbage();
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + durationMs;
  const worker = async () => {
    while (performance.now() < end) {
      const before = performance.now();
      await fn();
      latencies.push(performance.now() - before);
      tick?.(latencies.length);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return summarize(latencies, (performance.now() - start) / 1000);
}
