// A small, well-distributed PRNG (mulberry32) with the draws the generator needs, so demo data
// needs no dependency and never drifts between versions of anything.

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  between(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** exp(sigma * N(0, 1)): a multiplicative jitter whose median is 1 (log-normal). */
  spread(sigma: number): number {
    const u = this.next() || 1e-12;
    return Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next()));
  }

  /** An index drawn in proportion to `weights`, given as running totals (see `cumulative`). */
  weighted(totals: readonly number[]): number {
    const r = this.next() * totals[totals.length - 1];
    let low = 0;
    let high = totals.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (totals[mid] > r) high = mid;
      else low = mid + 1;
    }
    return low;
  }
}

export function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}
