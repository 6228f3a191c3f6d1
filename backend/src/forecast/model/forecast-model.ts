import type { DealState } from '../history/deal-timeline';
import type { DayWindow } from '../history/quarters';
import { fitCalibrated, probability, type CalibratedModel } from './calibrated-model';
import { FeatureSpace, type DealLabels } from './features';
import {
  ALL_MODELS,
  buildTrainingSet,
  WINDOW_OFFSETS,
  type AmountSums,
  type ModelChoice,
  type TrainingInput,
  type TrainingSet,
} from './training-set';

/** Fewer won deals than this in a stage and its amounts are expected to change as the org's do. */
const MIN_WON_FOR_STAGE_REALISATION = 20;

/** What an open deal is expected to do in each window asked about. */
export interface DealOutlook {
  /** What a win is expected to book, from its Amount now (discounts, re-scoping). */
  expectedAmount: number;
  /** P(closes won with its CloseDate in window k); their sum never exceeds 1. */
  windows: number[];
}

/** A fiscal quarter at `offset` quarters from the one holding the forecast's instant. */
export interface OffsetWindow {
  offset: number;
  window: DayWindow;
}

/**
 * The org's forecast model: P(win) for an open deal, and P(win within a fiscal quarter) for the
 * current quarter and the next three, each a calibrated logistic regression learnt when first
 * needed (most forecasts ask about this quarter only). A quarter model that could not be learnt
 * (too little history that far ahead) falls back to the rep's own close date: P(win) if the close
 * date lies in the quarter, else 0.
 */
export class ForecastModel {
  private winModel?: CalibratedModel | null;
  private readonly windowModels: (CalibratedModel | null | undefined)[] = [];

  private constructor(
    readonly features: FeatureSpace,
    private readonly input: TrainingInput,
    private readonly l2: number,
    readonly snapshots: number,
    /** Per open stage (and overall, last): booked amount / Amount at the stage, for deals later won. */
    readonly realisation: number[],
  ) {}

  static train(input: TrainingInput, l2 = 1, models: ModelChoice = ALL_MODELS): ForecastModel {
    const features = FeatureSpace.of(input.stages, input.deals);
    const set = buildTrainingSet(input, features, models);
    const model = new ForecastModel(features, input, l2, set.snapshots, realisationByStage(set.amounts));
    model.adopt(set);
    return model;
  }

  /** Learns the chosen models not learnt yet (each takes a pass over the history). */
  prepare(models: ModelChoice): void {
    const missing: ModelChoice = {
      win: models.win && this.winModel === undefined,
      windows: models.windows.filter((k) => k >= 0 && k < WINDOW_OFFSETS && this.windowModels[k] === undefined),
    };
    if (missing.win || missing.windows.length > 0) this.adopt(buildTrainingSet(this.input, this.features, missing));
  }

  /** The models learnt so far, by name: "win", "quarter+0", ... */
  learnt(): { name: string; model: CalibratedModel | null }[] {
    return [
      ...(this.winModel !== undefined ? [{ name: 'win', model: this.winModel }] : []),
      ...this.windowModels.flatMap((model, k) => (model !== undefined ? [{ name: `quarter+${k}`, model }] : [])),
    ];
  }

  /** Calibrated P(closes won within 180 days); the stage's probability without a model. */
  winProbability(state: DealState, labels: DealLabels, t: number, ownerRate: number): number {
    this.prepare({ win: true, windows: [] });
    return this.winModel
      ? probability(this.winModel, this.features.deal(state, labels, t, ownerRate))
      : state.probability;
  }

  /** The deal in each window; windows are fiscal quarters at offsets 0.. (offset 0 counts from `t` on). */
  outlook(
    state: DealState,
    labels: DealLabels,
    t: number,
    ownerRate: number,
    windows: readonly OffsetWindow[],
  ): DealOutlook {
    this.prepare({ win: false, windows: windows.map((w) => w.offset) });
    const base = this.features.deal(state, labels, t, ownerRate);
    const inWindow = windows.map(({ offset, window }) => {
      const model = this.windowModels[offset] ?? null;
      if (model) return probability(model, this.features.window(base, state, t, window));
      const from = Math.max(window.from, Math.floor(t));
      return state.closeDay >= from && state.closeDay <= window.to
        ? this.winProbability(state, labels, t, ownerRate)
        : 0;
    });
    const total = inWindow.reduce((a, b) => a + b, 0);
    const position = this.features.stages.openPosition(state.stageName);
    return {
      expectedAmount: state.amount * this.realisation[position >= 0 ? position : this.realisation.length - 1],
      windows: total > 1 ? inWindow.map((p) => p / total) : inWindow,
    };
  }

  private adopt(set: TrainingSet): void {
    if (set.win) this.winModel = fitCalibrated(set.win, this.l2);
    set.windows.forEach((examples, k) => {
      if (examples) this.windowModels[k] = fitCalibrated(examples, this.l2);
    });
  }
}

/**
 * Amounts move between a stage and the close (early ones are guesses; proposals get discounted):
 * the ratio of booked to then-current Amount over deals later won, per stage, or over all stages
 * where a stage has too few wins. 1 when nothing was won yet.
 */
function realisationByStage(sums: AmountSums): number[] {
  const ratio = (i: number) => (sums.asOpen[i] > 0 ? sums.asWon[i] / sums.asOpen[i] : 1);
  const overall = ratio(sums.count.length - 1);
  return sums.count.map((count, i) => (count >= MIN_WON_FOR_STAGE_REALISATION ? ratio(i) : overall));
}
