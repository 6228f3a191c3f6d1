import type { Viewer } from '../../access/viewer';
import type { ModelSummaryDto, SubModelDto } from '../dto/model-summary.dto';
import { brierScore, calibrationTable } from '../model/calibration';
import type { CalibratedModel } from '../model/calibrated-model';
import type { ForecastModel } from '../model/forecast-model';

const round = (value: number, places = 4) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * The model as a viewer may see it: calibration measured on their own held-out deals (everyone's
 * for view-all), coefficients and training counts for view-all only.
 */
export function modelSummary(model: ForecastModel, trainedAt: Date, viewer: Viewer): ModelSummaryDto {
  const own = viewer.ownerIds === null ? null : new Set(viewer.ownerIds);
  const { features } = model;
  const sub = (name: string, fitted: CalibratedModel | null, names: string[]): SubModelDto => {
    if (!fitted) {
      return {
        name,
        trained: false,
        trainingExamples: null,
        heldOutExamples: 0,
        brierRaw: null,
        brierCalibrated: null,
        calibration: [],
        coefficients: null,
      };
    }
    const keep = fitted.heldOut.ownerIds.map((owner) => own === null || own.has(owner));
    const pick = (values: number[]) => values.filter((_, i) => keep[i]);
    const [raw, calibrated, labels] = [
      pick(fitted.heldOut.raw),
      pick(fitted.heldOut.probabilities),
      pick(fitted.heldOut.labels),
    ];
    return {
      name,
      trained: true,
      trainingExamples: own === null ? fitted.trainingExamples : null,
      heldOutExamples: labels.length,
      brierRaw: labels.length > 0 ? round(brierScore(raw, labels)) : null,
      brierCalibrated: labels.length > 0 ? round(brierScore(calibrated, labels)) : null,
      calibration: calibrationTable(calibrated, labels).map((b) => ({
        ...b,
        meanPredicted: round(b.meanPredicted),
        observedRate: round(b.observedRate),
      })),
      coefficients:
        own === null ? names.map((feature, j) => ({ feature, value: round(fitted.model.coefficients[j]) })) : null,
    };
  };
  return {
    trainedAt: trainedAt.toISOString(),
    learntFrom: 'org',
    snapshots: model.snapshots,
    features: features.dealNames,
    models: model
      .learnt()
      .map(({ name, model: fitted }) => sub(name, fitted, name === 'win' ? features.dealNames : features.windowNames)),
  };
}
