import type { Bookable } from './exact-sampler';
import type { Prng } from './prng';

/**
 * The many small deals of a large pipeline, drawn together: their bookings per window are a sum
 * of thousands of small independent outcomes, which the central limit theorem makes normal. One
 * correlated normal draw per window (exact means, variances and covariances: a deal books in one
 * window at most) stands in for thousands of Bernoulli draws.
 */
export class NormalTail {
  readonly means: Float64Array;
  /** Lower-triangular Cholesky factor of the covariance, row-major. */
  private readonly factor: Float64Array;

  constructor(
    deals: readonly Bookable[],
    private readonly w: number,
  ) {
    this.means = new Float64Array(w);
    const covariance = new Float64Array(w * w);
    for (const deal of deals) {
      const a2 = deal.amount * deal.amount;
      for (let j = 0; j < w; j++) {
        const pj = deal.windows[j] ?? 0;
        this.means[j] += deal.amount * pj;
        for (let k = 0; k <= j; k++) {
          const pk = deal.windows[k] ?? 0;
          covariance[j * w + k] += a2 * ((j === k ? pj : 0) - pj * pk);
        }
      }
    }
    this.factor = cholesky(covariance, w);
  }

  /** One trial: adds a draw of the small deals' bookings to `sums`. */
  addTrial(random: Prng, sums: Float64Array): void {
    const z = new Float64Array(this.w);
    for (let k = 0; k < this.w; k++) z[k] = gaussian(random);
    for (let j = 0; j < this.w; j++) {
      let value = this.means[j];
      for (let k = 0; k <= j; k++) value += this.factor[j * this.w + k] * z[k];
      sums[j] += value;
    }
  }
}

/** Standard normal from two uniforms (Box-Muller). */
function gaussian(random: Prng): number {
  const u = 1 - random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

/** Cholesky factor of a covariance given by its lower triangle; a dependent direction gets 0. */
function cholesky(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j];
      for (let m = 0; m < j; m++) sum -= l[i * n + m] * l[j * n + m];
      if (i === j) l[i * n + i] = Math.sqrt(Math.max(0, sum));
      else l[i * n + j] = l[j * n + j] > 0 ? sum / l[j * n + j] : 0;
    }
  }
  return l;
}
