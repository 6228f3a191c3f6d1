// A count over a rolling window (Salesforce's "per rolling 24 hours"), kept in one-minute buckets so
// that a million requests cost a few thousand numbers, not a million timestamps.

const BUCKET_MS = 60_000;

export class RollingCounter {
  readonly #windowMs: number;
  readonly #clock: () => number;
  /** [bucket start, count], oldest first. */
  readonly #buckets: [number, number][] = [];
  #total = 0;

  constructor(windowMs: number, clock: () => number) {
    this.#windowMs = windowMs;
    this.#clock = clock;
  }

  add(amount = 1): void {
    const bucket = Math.floor(this.#clock() / BUCKET_MS) * BUCKET_MS;
    this.#expire();
    const last = this.#buckets.at(-1);
    if (last && last[0] === bucket) last[1] += amount;
    else this.#buckets.push([bucket, amount]);
    this.#total += amount;
  }

  get total(): number {
    this.#expire();
    return this.#total;
  }

  #expire(): void {
    // A bucket leaves the window once all of it is older than the window.
    const oldest = this.#clock() - this.#windowMs;
    while (this.#buckets.length > 0 && this.#buckets[0][0] + BUCKET_MS <= oldest) {
      this.#total -= this.#buckets.shift()![1];
    }
  }
}
