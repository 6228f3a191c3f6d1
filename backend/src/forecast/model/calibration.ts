import { fitLogistic, sigmoid } from './logistic-regression';

/**
 * Platt scaling: p' = sigmoid(a * logit(p) + b), fitted on deals the model did not learn from.
 * It corrects a model that is systematically over- or under-confident (penalised coefficients
 * shrink toward 0.5; snapshots of the same deal overweight slow deals) with two numbers.
 */
export interface Platt {
  a: number;
  b: number;
}

export const IDENTITY: Platt = { a: 1, b: 0 };

const logit = (p: number) => {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
};

export function fitPlatt(probabilities: readonly number[], labels: readonly number[]): Platt {
  if (probabilities.length === 0 || labels.every((y) => y === labels[0])) return IDENTITY;
  const model = fitLogistic(
    probabilities.map((p) => [logit(p)]),
    labels,
    { l2: 1e-3 },
  );
  // Undo the standardisation fitLogistic applied to its one feature.
  const a = model.coefficients[0] / model.scales[0];
  return { a, b: model.intercept - a * model.means[0] };
}

export function applyPlatt(platt: Platt, p: number): number {
  return sigmoid(platt.a * logit(p) + platt.b);
}

/** Mean squared error of probabilities against 0/1 outcomes: lower is better, 0.25 is a coin. */
export function brierScore(probabilities: readonly number[], labels: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) sum += (probabilities[i] - labels[i]) ** 2;
  return probabilities.length === 0 ? 0 : sum / probabilities.length;
}

/** One bin of a reliability table: what the model said against what happened. */
export interface CalibrationBin {
  from: number;
  to: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Reliability table in `bins` equal-width probability bins; empty bins are left out. */
export function calibrationTable(
  probabilities: readonly number[],
  labels: readonly number[],
  bins = 10,
): CalibrationBin[] {
  const count = new Array<number>(bins).fill(0);
  const predicted = new Array<number>(bins).fill(0);
  const observed = new Array<number>(bins).fill(0);
  probabilities.forEach((p, i) => {
    const bin = Math.min(bins - 1, Math.floor(p * bins));
    count[bin]++;
    predicted[bin] += p;
    observed[bin] += labels[i];
  });
  return count.flatMap((n, bin) =>
    n === 0
      ? []
      : [
          {
            from: bin / bins,
            to: (bin + 1) / bins,
            count: n,
            meanPredicted: predicted[bin] / n,
            observedRate: observed[bin] / n,
          },
        ],
  );
}
