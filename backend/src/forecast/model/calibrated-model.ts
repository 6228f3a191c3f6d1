import {
  applyPlatt,
  brierScore,
  calibrationTable,
  fitPlatt,
  IDENTITY,
  type CalibrationBin,
  type Platt,
} from './calibration';
import { fitLogistic, predict, type LogisticModel } from './logistic-regression';
import type { ExampleSet } from './training-set';

/** Fewer examples (or only one outcome) than this and a model is not trained. */
export const MIN_EXAMPLES = 30;

/** How well the model did on deals it had not learnt from. */
export interface HeldOutReport {
  examples: number;
  /** Brier score of the raw probabilities, and of the calibrated ones, on held-out deals. */
  brierRaw: number;
  brierCalibrated: number;
  /** Whether Platt scaling is applied: only when it lowered the held-out Brier score. */
  calibrated: boolean;
  calibration: CalibrationBin[];
}

/** A logistic model with the calibration learnt from its held-out predictions. */
export interface CalibratedModel {
  model: LogisticModel;
  platt: Platt;
  trainingExamples: number;
  report: HeldOutReport;
  /** Every example's held-out probability (raw, and as calibrated) with its owner: a viewer's own reliability table. */
  heldOut: { ownerIds: string[]; raw: number[]; probabilities: number[]; labels: number[] };
}

/**
 * Cross-fitting in two halves of the deals: a model learnt on each half predicts the other, so
 * every example gets a held-out probability. Platt scaling is fitted on those (all of the data
 * serves calibration, none of it grades itself) and kept only if it lowers the Brier score on
 * held-out deals, measured by calibrating each half with a fit on the other. The model used
 * afterwards is learnt on all the deals, with that calibration.
 */
export function fitCalibrated(set: ExampleSet, l2 = 1): CalibratedModel | null {
  const n = set.rows.length;
  if (n < MIN_EXAMPLES || !hasBothOutcomes(set.labels)) return null;
  const model = fitLogistic(set.rows, set.labels, { l2 });
  const raw = new Array<number>(n).fill(0);
  for (const fold of [0, 1]) {
    const learn = indices(set, (f) => f !== fold);
    const other = indices(set, (f) => f === fold);
    const labels = learn.map((i) => set.labels[i]);
    const half =
      learn.length >= MIN_EXAMPLES && hasBothOutcomes(labels)
        ? fitLogistic(
            learn.map((i) => set.rows[i]),
            labels,
            { l2 },
          )
        : model;
    for (const i of other) raw[i] = predict(half, set.rows[i]);
  }
  const platt = fitPlatt(raw, set.labels);
  // Each half calibrated by a fit on the other: the calibration's own held-out score.
  const crossPlatt = [0, 1].map((fold) => {
    const other = indices(set, (f) => f !== fold);
    return fitPlatt(
      other.map((i) => raw[i]),
      other.map((i) => set.labels[i]),
    );
  });
  const crossCalibrated = raw.map((p, i) => applyPlatt(crossPlatt[set.folds[i]], p));
  const brierRaw = brierScore(raw, set.labels);
  const brierCalibrated = brierScore(crossCalibrated, set.labels);
  const calibrated = brierCalibrated < brierRaw;
  const probabilities = calibrated ? crossCalibrated : raw;
  return {
    model,
    platt: calibrated ? platt : IDENTITY,
    trainingExamples: n,
    report: {
      examples: n,
      brierRaw,
      brierCalibrated,
      calibrated,
      calibration: calibrationTable(probabilities, set.labels),
    },
    heldOut: { ownerIds: set.ownerIds, raw, probabilities, labels: set.labels },
  };
}

export function probability(fitted: CalibratedModel, features: readonly number[]): number {
  return applyPlatt(fitted.platt, predict(fitted.model, features));
}

const indices = (set: ExampleSet, keep: (fold: number) => boolean) => set.folds.flatMap((f, i) => (keep(f) ? [i] : []));
const hasBothOutcomes = (labels: readonly number[]) => labels.some((y) => y === 1) && labels.some((y) => y === 0);
