import { applyPlatt, brierScore, calibrationTable, fitPlatt } from '../../src/forecast/model/calibration';
import { fitCalibrated } from '../../src/forecast/model/calibrated-model';
import { sigmoid } from '../../src/forecast/model/logistic-regression';
import type { ExampleSet } from '../../src/forecast/model/training-set';
import { Prng } from '../../src/forecast/simulation/prng';

const logit = (p: number) => Math.log(p / (1 - p));

describe('calibration', () => {
  it('Platt scaling repairs an over-confident model and lowers the Brier score', () => {
    const random = new Prng(3);
    const truth = Array.from({ length: 5_000 }, () => 0.05 + 0.9 * random.next());
    const labels = truth.map((p) => (random.next() < p ? 1 : 0));
    // Twice as sure as it should be, and biased upward.
    const overconfident = truth.map((p) => sigmoid(2 * logit(p) + 0.5));
    const platt = fitPlatt(overconfident, labels);
    expect(platt.a).toBeCloseTo(0.5, 1);
    const calibrated = overconfident.map((p) => applyPlatt(platt, p));
    expect(brierScore(calibrated, labels)).toBeLessThan(brierScore(overconfident, labels) - 0.01);
  });

  it('reports a reliability table of predicted against observed rates', () => {
    const table = calibrationTable([0.05, 0.15, 0.15, 0.95], [0, 1, 0, 1]);
    expect(table).toEqual([
      { from: 0, to: 0.1, count: 1, meanPredicted: 0.05, observedRate: 0 },
      { from: 0.1, to: 0.2, count: 2, meanPredicted: 0.15, observedRate: 0.5 },
      { from: 0.9, to: 1, count: 1, meanPredicted: 0.95, observedRate: 1 },
    ]);
  });

  it('cross-fitted Platt calibration improves held-out Brier when the model is misspecified', () => {
    // The truth is steep in x (log-odds 6x); a heavily penalised model learns it too flat.
    const random = new Prng(4);
    const set: ExampleSet = { rows: [], labels: [], ownerIds: [], folds: [] };
    for (let i = 0; i < 4_000; i++) {
      const x = random.next() * 2 - 1;
      set.rows.push([x]);
      set.labels.push(random.next() < sigmoid(6 * x) ? 1 : 0);
      set.ownerIds.push(`owner${i % 7}`);
      set.folds.push(i % 2);
    }
    const fitted = fitCalibrated(set, 2_000)!;
    expect(fitted.report.calibrated).toBe(true);
    expect(fitted.report.brierCalibrated).toBeLessThan(fitted.report.brierRaw);
    // Every held-out probability is accounted for in the table.
    expect(fitted.report.calibration.reduce((n, b) => n + b.count, 0)).toBe(4_000);
  });

  it('keeps the raw probabilities when calibrating does not help on held-out deals', () => {
    const random = new Prng(5);
    const set: ExampleSet = { rows: [], labels: [], ownerIds: [], folds: [] };
    for (let i = 0; i < 2_000; i++) {
      const x = random.next() * 2 - 1;
      set.rows.push([x]);
      set.labels.push(random.next() < sigmoid(x) ? 1 : 0);
      set.ownerIds.push('owner');
      set.folds.push(i % 2);
    }
    const fitted = fitCalibrated(set, 0.01)!;
    if (!fitted.report.calibrated) expect(fitted.platt).toEqual({ a: 1, b: 0 });
    expect(fitted.report.brierCalibrated >= fitted.report.brierRaw).toBe(!fitted.report.calibrated);
  });

  it('declines to learn from too few examples or a single outcome', () => {
    expect(fitCalibrated({ rows: [[1]], labels: [1], ownerIds: ['a'], folds: [0] })).toBeNull();
    const rows = Array.from({ length: 100 }, (_, i) => [i]);
    expect(
      fitCalibrated({
        rows,
        labels: rows.map(() => 0),
        ownerIds: rows.map(() => 'a'),
        folds: rows.map((_, i) => i % 2),
      }),
    ).toBeNull();
  });
});
