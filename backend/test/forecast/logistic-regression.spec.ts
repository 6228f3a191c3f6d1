import { fitLogistic, predict, sigmoid, solveSymmetric } from '../../src/forecast/model/logistic-regression';
import { Prng } from '../../src/forecast/simulation/prng';

/** Standard normal draws from a seeded generator (Box-Muller). */
function normals(random: Prng, n: number): number[] {
  return Array.from(
    { length: n },
    () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next()),
  );
}

describe('logistic regression (IRLS with L2)', () => {
  it('solves a symmetric positive definite system', () => {
    // [[4, 2], [2, 3]] x = [2, 1]  ->  x = [0.5, 0]
    const x = solveSymmetric(new Float64Array([4, 2, 2, 3]), new Float64Array([2, 1]), 2);
    expect(x[0]).toBeCloseTo(0.5, 10);
    expect(x[1]).toBeCloseTo(0, 10);
  });

  it('learns a known relation: log-odds = 0.5 + 2 x1 - x2', () => {
    const random = new Prng(1);
    const x1 = normals(random, 20_000);
    const x2 = normals(random, 20_000).map((v) => 3 + 2 * v); // shifted and scaled: standardisation must undo it
    const rows = x1.map((v, i) => [v, x2[i]]);
    const labels = rows.map(([a, b]) => (random.next() < sigmoid(0.5 + 2 * a - (b - 3)) ? 1 : 0));
    const model = fitLogistic(rows, labels, { l2: 0.01 });
    // Back to raw units: coefficient / scale.
    expect(model.coefficients[0] / model.scales[0]).toBeCloseTo(2, 1);
    expect(model.coefficients[1] / model.scales[1]).toBeCloseTo(-1, 1);
    expect(predict(model, [0, 3])).toBeCloseTo(sigmoid(0.5), 1);
    expect(model.iterations).toBeLessThan(15);
  });

  it('stays finite when a feature separates the classes, thanks to the penalty', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [i < 100 ? 0 : 1]);
    const labels = rows.map(([x]) => x);
    const model = fitLogistic(rows, labels, { l2: 1 });
    expect(Number.isFinite(model.coefficients[0])).toBe(true);
    expect(predict(model, [1])).toBeGreaterThan(0.9);
    expect(predict(model, [0])).toBeLessThan(0.1);
  });

  it('handles a constant column', () => {
    const random = new Prng(2);
    const rows = Array.from({ length: 500 }, () => [random.next(), 7]);
    const labels = rows.map(([x]) => (random.next() < x ? 1 : 0));
    const model = fitLogistic(rows, labels);
    expect(model.coefficients[1]).toBeCloseTo(0, 6);
    expect(predict(model, [0.9, 7])).toBeGreaterThan(predict(model, [0.1, 7]));
  });
});
