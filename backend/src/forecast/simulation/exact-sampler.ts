import type { Prng } from './prng';

/** A deal's amount and its chance of booking in each window. */
export interface Bookable {
  amount: number;
  windows: readonly number[];
}

/** Deals whose chance of booking at all lies in (q/2, q], with their cumulative window chances. */
interface Band {
  q: number;
  logMiss: number;
  amounts: Float64Array;
  cumulative: Float64Array;
}

const BANDS = 30;

/**
 * Draws, deal by deal, which window each books in (or none), without a draw per deal: deals are
 * grouped by their chance of booking at all (halving bands: 1/2 to 1, 1/4 to 1/2, ...); within a
 * band whose chances are at most q, the next candidate is found by a geometric jump (the gap
 * between successes of a coin with chance q) and kept with chance p/q. A trial then costs about
 * twice its expected number of bookings, not one draw per deal.
 */
export class ExactSampler {
  private readonly bands: Band[];

  /** `deals` in a fixed order (the draws follow it). */
  constructor(
    deals: readonly Bookable[],
    private readonly w: number,
  ) {
    const members: Bookable[][] = Array.from({ length: BANDS }, () => []);
    for (const deal of deals) {
      let total = 0;
      for (let k = 0; k < w; k++) total += deal.windows[k] ?? 0;
      if (total <= 0 || deal.amount === 0) continue;
      members[Math.min(BANDS - 1, Math.max(0, Math.floor(-Math.log2(Math.min(1, total)))))].push(deal);
    }
    this.bands = members.flatMap((list, b) => {
      if (list.length === 0) return [];
      const q = 2 ** -b;
      const amounts = new Float64Array(list.length);
      const cumulative = new Float64Array(list.length * w);
      list.forEach((deal, i) => {
        amounts[i] = deal.amount;
        let sum = 0;
        for (let k = 0; k < w; k++) cumulative[i * w + k] = sum += deal.windows[k] ?? 0;
      });
      return [{ q, logMiss: Math.log1p(-Math.min(q, 1 - 1e-12)), amounts, cumulative }];
    });
  }

  /** One trial: adds what each window books to `sums`. */
  addTrial(random: Prng, sums: Float64Array): void {
    const w = this.w;
    for (const band of this.bands) {
      const n = band.amounts.length;
      const every = band.q >= 1;
      for (let i = every ? 0 : jump(random, band.logMiss); i < n; i += every ? 1 : 1 + jump(random, band.logMiss)) {
        // Kept with chance p/q; given kept, u is uniform on [0, p) and picks the window.
        const u = random.next() * band.q;
        if (u >= band.cumulative[i * w + w - 1]) continue;
        let k = 0;
        while (u >= band.cumulative[i * w + k]) k++;
        sums[k] += band.amounts[i];
      }
    }
  }
}

/** Failures before the next success of a coin that lands with chance q (log(1 - q) given). */
function jump(random: Prng, logMiss: number): number {
  return Math.floor(Math.log(1 - random.next()) / logMiss);
}
