import { closedAt, stateAt, wonWithin, type DealRecord } from '../history/deal-timeline';
import type { DayWindow, Quarters } from '../history/quarters';
import type { StageCatalog } from '../history/stage-catalog';
import { ForecastModel } from '../model/forecast-model';
import { monthStart, type OwnerRecord } from '../model/owner-record';
import { simulateBookings, type Interval, type SimulatedDeal } from '../simulation/monte-carlo';
import { analogsFor, newPipelineBookings } from '../simulation/new-pipeline';
import { accuracyOf, type AccuracyMetrics } from './accuracy-metrics';

export interface BacktestInput {
  /** What the model learns from at each cutoff (the whole org, or a sample of it). */
  trainingDeals: readonly DealRecord[];
  /** The deals forecast and compared: everything the viewer sees that the filters keep. */
  scopeDeals: readonly DealRecord[];
  owners: OwnerRecord;
  stages: StageCatalog;
  quarters: Quarters;
  /** First days of the quarters to forecast, as they stood at their start. */
  cutoffs: readonly number[];
  lookbackDays: number;
  trials: number;
  seed: number;
  /** L2 penalty of the models (default: ForecastModel's). */
  l2?: number;
  /** The model known at a cutoff (default: learnt here); lets a caller reuse models across scopes. */
  modelAt?: (cutoff: number) => ForecastModel;
  /** First CreatedDate in scope, when `scopeDeals` leaves the oldest out (default: theirs). */
  historyFrom?: number;
}

/** Learns what a backtest needs at `cutoff`: the current-quarter model only. */
export function backtestModel(
  input: Omit<BacktestInput, 'scopeDeals' | 'cutoffs' | 'trials' | 'seed'>,
  cutoff: number,
): ForecastModel {
  return ForecastModel.train(
    {
      deals: input.trainingDeals,
      owners: input.owners,
      stages: input.stages,
      quarters: input.quarters,
      cutoff,
      lookbackDays: input.lookbackDays,
    },
    input.l2,
    { win: false, windows: [0] },
  );
}

/** One backtested quarter: the forecast made at its first day, and what closed won in it. */
export interface BacktestPeriod {
  cutoff: number;
  period: DayWindow;
  openDeals: number;
  actual: number;
  /** The part of `actual` from deals created after the cutoff (no forecast could see them). */
  actualFromNewDeals: number;
  /** Booked before the cutoff with a CloseDate in the quarter: known to every method. */
  booked: number;
  predictive: Interval;
  /** The predictive forecast without the estimate for deals not yet created (an ablation). */
  predictiveOpenDealsOnly: Interval;
  baseline: Interval;
  modelTrained: boolean;
}

export interface BacktestResult {
  periods: BacktestPeriod[];
  predictive: AccuracyMetrics;
  predictiveOpenDealsOnly: AccuracyMetrics;
  baseline: AccuracyMetrics;
}

/**
 * For each cutoff: train on what was known then, rebuild the pipeline as it stood, forecast the
 * quarter, and compare with what closed won in it. The baseline is the weighted pipeline (Amount
 * x the stage's probability then, for deals whose close date then lay in the quarter), its
 * interval from simulating each such deal as won with that probability.
 */
export function runBacktest(input: BacktestInput): BacktestResult {
  const { stages, quarters, owners } = input;
  const closed = new Map(input.scopeDeals.map((d) => [d.id, closedAt(d, stages)]));
  const historyFrom = input.historyFrom ?? input.scopeDeals.reduce((min, d) => Math.min(min, d.createdAt), Infinity);
  const periods = input.cutoffs.map((cutoff): BacktestPeriod => {
    const quarter = quarters.of(cutoff);
    const period = { ...quarter, from: Math.max(quarter.from, Math.floor(cutoff)) };
    const model = input.modelAt ? input.modelAt(cutoff) : backtestModel(input, cutoff);
    const month = monthStart(cutoff);
    const predictive: SimulatedDeal[] = [];
    const baseline: SimulatedDeal[] = [];
    let booked = 0;
    let actual = 0;
    let actualFromNewDeals = 0;
    for (const deal of input.scopeDeals) {
      const closedWhen = closed.get(deal.id)!;
      if (wonWithin(deal, period.from, period.to, Infinity, closedWhen)) {
        actual += deal.amount ?? 0;
        if (deal.createdAt > cutoff) actualFromNewDeals += deal.amount ?? 0;
        if (closedWhen <= cutoff) booked += deal.amount ?? 0;
      }
      const state = stateAt(deal, cutoff, stages, closedWhen);
      if (!state) continue;
      const outlook = model.outlook(state, deal, cutoff, owners.rate(deal.ownerId, month), [
        { offset: 0, window: period },
      ]);
      predictive.push({ id: deal.id, amount: outlook.expectedAmount, windows: outlook.windows });
      const inPeriod = state.closeDay >= period.from && state.closeDay <= period.to;
      baseline.push({ id: deal.id, amount: state.amount, windows: [inPeriod ? state.probability : 0] });
    }
    const analogs = analogsFor(cutoff, period, quarters, cutoff, historyFrom);
    const fresh = newPipelineBookings(input.scopeDeals, cutoff, analogs, stages, cutoff);
    const simulate = (deals: SimulatedDeal[], newPipeline: number[]) =>
      simulateBookings({
        deals,
        windowCount: 1,
        trials: input.trials,
        seed: input.seed,
        booked: [booked],
        newPipeline: [newPipeline],
      }).windows[0];
    return {
      cutoff,
      period,
      openDeals: predictive.length,
      actual,
      actualFromNewDeals,
      booked,
      predictive: simulate(predictive, fresh),
      predictiveOpenDealsOnly: simulate(predictive, []),
      baseline: simulate(baseline, []),
      modelTrained: model.learnt().some((m) => m.name === 'quarter+0' && m.model !== null),
    };
  });
  const metrics = (pick: (p: BacktestPeriod) => Interval) =>
    accuracyOf(periods.map((p) => ({ forecast: pick(p), actual: p.actual })));
  return {
    periods,
    predictive: metrics((p) => p.predictive),
    predictiveOpenDealsOnly: metrics((p) => p.predictiveOpenDealsOnly),
    baseline: metrics((p) => p.baseline),
  };
}
