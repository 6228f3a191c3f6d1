import { EXACT_DEALS, quantile, simulateBookings, type SimulatedDeal } from '../../src/forecast/simulation/monte-carlo';
import { Prng } from '../../src/forecast/simulation/prng';

function pipeline(n: number, seed: number, windows = 1): SimulatedDeal[] {
  const random = new Prng(seed);
  return Array.from({ length: n }, (_, i) => {
    const p = random.next() * 0.9;
    const split = Array.from({ length: windows }, () => random.next());
    const sum = split.reduce((a, b) => a + b, 0);
    return {
      id: `006${String(i).padStart(12, '0')}AAA`,
      amount: Math.round(1_000 + random.next() * 99_000),
      windows: split.map((s) => (p * s) / sum),
    };
  });
}

describe('Monte Carlo bookings', () => {
  const deals = pipeline(300, 1);

  it('gives the same percentiles for the same seed and data, other ones for another seed', () => {
    const run = (seed: number) => simulateBookings({ deals, windowCount: 1, trials: 2_000, seed }).total;
    expect(run(42)).toEqual(run(42));
    expect(run(43)).not.toEqual(run(42));
    // Deal order does not matter: deals are taken in Id order.
    expect(simulateBookings({ deals: [...deals].reverse(), windowCount: 1, trials: 2_000, seed: 42 }).total).toEqual(
      run(42),
    );
  });

  it('orders its percentiles and centres them on the exact expected value', () => {
    const { total } = simulateBookings({ deals, windowCount: 1, trials: 4_000, seed: 7 });
    const exact = deals.reduce((sum, d) => sum + d.amount * d.windows[0], 0);
    expect(total.expected).toBeCloseTo(exact, 6);
    expect(total.p10).toBeLessThanOrEqual(total.p50);
    expect(total.p50).toBeLessThanOrEqual(total.p90);
    expect(Math.abs(total.p50 - exact) / exact).toBeLessThan(0.03);
  });

  it('collapses to the sum when every deal is sure to book', () => {
    const sure = deals.map((d) => ({ ...d, windows: [1] }));
    const sum = sure.reduce((s, d) => s + d.amount, 0);
    const { total } = simulateBookings({ deals: sure, windowCount: 1, trials: 500, seed: 1, booked: [1_000] });
    expect(total).toEqual({ expected: sum + 1_000, p10: sum + 1_000, p50: sum + 1_000, p90: sum + 1_000 });
  });

  it('books nothing from deals that cannot book, and a coin-flip deal at its two outcomes', () => {
    const none = simulateBookings({
      deals: [{ id: 'a', amount: 500, windows: [0] }],
      windowCount: 1,
      trials: 1_000,
      seed: 1,
    });
    expect(none.total).toEqual({ expected: 0, p10: 0, p50: 0, p90: 0 });
    const coin = simulateBookings({
      deals: [{ id: 'a', amount: 100, windows: [0.5] }],
      windowCount: 1,
      trials: 2_000,
      seed: 1,
    });
    expect([coin.total.p10, coin.total.p90]).toEqual([0, 100]);
  });

  it('books a deal in one window at most, and adds booked amounts and new-deal analogs per window', () => {
    const two = pipeline(200, 2, 2);
    const result = simulateBookings({
      deals: two,
      windowCount: 2,
      trials: 2_000,
      seed: 3,
      booked: [10, 20],
      newPipeline: [[100, 300], []],
    });
    const exact = (k: number) => two.reduce((s, d) => s + d.amount * d.windows[k], 0);
    expect(result.windows[0].expected).toBeCloseTo(exact(0) + 10 + 200, 6);
    expect(result.windows[1].expected).toBeCloseTo(exact(1) + 20, 6);
    expect(result.total.expected).toBeCloseTo(result.windows[0].expected + result.windows[1].expected, 6);
    for (const w of [...result.windows, result.total]) expect(w.p10 <= w.p50 && w.p50 <= w.p90).toBe(true);
  });

  it('draws the small deals of a large pipeline as one normal, keeping the mean and a sound spread', () => {
    const many = pipeline(EXACT_DEALS * 4, 9);
    const { total } = simulateBookings({ deals: many, windowCount: 1, trials: 2_000, seed: 5 });
    const mean = many.reduce((s, d) => s + d.amount * d.windows[0], 0);
    const sd = Math.sqrt(many.reduce((s, d) => s + d.amount ** 2 * d.windows[0] * (1 - d.windows[0]), 0));
    expect(Math.abs(total.p50 - mean)).toBeLessThan(0.1 * sd);
    // A normal's P90 - P10 spans 2.56 standard deviations.
    expect((total.p90 - total.p10) / sd).toBeGreaterThan(2.3);
    expect((total.p90 - total.p10) / sd).toBeLessThan(2.8);
  });

  it('interpolates quantiles between order statistics', () => {
    expect(quantile(new Float64Array([0, 10, 20, 30, 40]), 0.1)).toBeCloseTo(4, 10);
    expect(quantile(new Float64Array([5]), 0.9)).toBe(5);
  });
});
