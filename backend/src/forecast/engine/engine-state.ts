import type { DealRecord } from '../history/deal-timeline';
import type { ForecastModel } from '../model/forecast-model';
import type { TrainingData } from './training-data';

/** When to learn again and re-read everything; tests shorten these. */
export interface EngineSettings {
  /** After closed history changes, wait at least this long since the last training. */
  retrainMinIntervalMs: number;
  /** Learn again this often regardless (time passes: older snapshots get their outcomes). */
  retrainMaxAgeMs: number;
  /** Re-read every open deal this often (drops deleted ones, repairs anything missed). */
  reloadEveryMs: number;
}

/** What a forecast request works from. Replaced, never changed, so a request sees one version. */
export interface EngineState {
  model: ForecastModel;
  training: TrainingData;
  /** Every open deal in the org, with its history, by Id; a changed deal is a new object. */
  openDeals: ReadonlyMap<string, DealRecord>;
  /** Moves whenever closed history may have changed: what backtests are cached against. */
  closedVersion: number;
  trainedAt: Date;
}
