import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import type { Viewer } from '../../access/viewer';
import { VisibleMirror } from '../../access/visible-mirror';
import { AnalyticsFiltersService, opportunitySegment } from '../../analytics/filters/analytics-filters.service';
import { SqlParams } from '../../analytics/filters/sql-params';
import { PulseConfig } from '../../config/pulse-config';
import { cents } from '../../pipeline/money';
import { mirrorAsOf } from '../../pipeline/mirror-as-of';
import type { AccuracyQueryDto } from '../dto/accuracy-query.dto';
import type { AccuracyMetricsDto, ForecastAccuracyDto, ForecastIntervalDto } from '../dto/forecast-accuracy.dto';
import { ForecastEngine } from '../engine/forecast-engine.service';
import { LOOKBACK_DAYS, TrainingDataSource } from '../engine/training-data';
import { dealOf, dealsSql, type DealRow } from '../history/deal-rows';
import { dayOf, instantDay, isoOf } from '../history/days';
import type { ForecastModel } from '../model/forecast-model';
import type { Interval } from '../simulation/monte-carlo';
import { ANALOG_QUARTERS, CREATION_RATE_DAYS } from '../simulation/new-pipeline';
import { accuracyOf, type AccuracyMetrics } from './accuracy-metrics';
import { backtestModel, runBacktest, type BacktestPeriod } from './backtest';
import { completedQuartersWithin, cutoffsOf, lastCompletedQuarters } from './cutoffs';

const DEFAULT_QUARTERS = 4;
const DEFAULT_SEED = 42;
const DEFAULT_TRIALS = 1_000;
/** Analog quarters reach back this far before the first cutoff (with the creation-rate window). */
const ANALOG_REACH_DAYS = ANALOG_QUARTERS * 2 * 92 + CREATION_RATE_DAYS;

/**
 * The backtest behind GET /api/forecast/accuracy: for each cutoff, the model learnt from what
 * was known then (org-wide, cached per cutoff), the viewer's pipeline rebuilt as it stood, the
 * forecast against what then closed, beside the weighted-pipeline baseline. Answers are kept
 * until closed history changes (the past does not move otherwise) or the day turns.
 */
@Injectable()
export class ForecastAccuracyService {
  private readonly models = new LRUCache<string, ForecastModel>({ max: 64 });
  private readonly answers = new LRUCache<string, ForecastAccuracyDto>({ max: 200 });

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly engine: ForecastEngine,
    private readonly trainingData: TrainingDataSource,
    private readonly mirror: VisibleMirror,
    private readonly filters: AnalyticsFiltersService,
    private readonly config: PulseConfig,
  ) {}

  async accuracy(query: AccuracyQueryDto, viewer: Viewer, now = Date.now()): Promise<ForecastAccuracyDto> {
    const today = Math.floor(instantDay(now));
    const periodGiven = query.period !== undefined || query.from !== undefined || query.to !== undefined;
    if (periodGiven && query.quarters !== undefined)
      throw new BadRequestException('give quarters or a period, not both');
    // The period (when given) picks the quarters; the other filters pick the deals.
    const filters = await this.filters.resolve(
      periodGiven ? query : { ...query, period: 'last_quarter' },
      viewer,
      isoOf(today),
    );
    const state = await this.engine.current();
    const windows = periodGiven
      ? completedQuartersWithin(dayOf(filters.period.from), dayOf(filters.period.to), today, this.engine.quarters)
      : lastCompletedQuarters(today, query.quarters ?? DEFAULT_QUARTERS, this.engine.quarters);
    if (windows.length === 0) throw new BadRequestException('the period holds no completed fiscal quarter to backtest');
    const cadence = query.cadence ?? 'month';
    const cutoffs = cutoffsOf(windows, cadence);
    const seed = query.seed ?? DEFAULT_SEED;
    const trials = query.trials ?? DEFAULT_TRIALS;

    const key = JSON.stringify([
      viewer.ownerIds ?? 'all',
      filters,
      cadence,
      cutoffs,
      seed,
      trials,
      state.closedVersion,
      today,
    ]);
    const cached = this.answers.get(key);
    if (cached) return cached;

    const first = cutoffs[0];
    const last = cutoffs.at(-1)!;
    const params = new SqlParams();
    const segment = opportunitySegment(filters, params);
    const range = `o.created_date < ${params.add(isoOf(windows.at(-1)!.to + 1))}::date
      AND (o.is_closed IS NOT TRUE OR o.close_date >= ${params.add(isoOf(first - ANALOG_REACH_DAYS))}::date)`;
    const firstParams = new SqlParams();
    const [training, rows, [{ firstCreated }], asOf] = await Promise.all([
      this.trainingData.load(last, last - first + LOOKBACK_DAYS),
      this.mirror.query<DealRow>(viewer, dealsSql(`${segment} AND ${range}`), params.values),
      this.mirror.query<{ firstCreated: number | null }>(
        viewer,
        `SELECT (extract(epoch FROM min(o.created_date)) * 1000)::float8 AS "firstCreated" FROM visible_opportunity o WHERE ${opportunitySegment(filters, firstParams)}`,
        firstParams.values,
      ),
      mirrorAsOf(this.db),
    ]);
    const input = {
      trainingDeals: training.deals,
      owners: training.owners,
      stages: training.stages,
      quarters: this.engine.quarters,
      lookbackDays: LOOKBACK_DAYS,
    };
    const result = runBacktest({
      ...input,
      scopeDeals: rows.map(dealOf),
      cutoffs,
      trials,
      seed,
      historyFrom: firstCreated === null ? undefined : instantDay(firstCreated),
      // Models are org-wide: learnt once per cutoff and closed-history version, shared by every viewer.
      modelAt: (cutoff) => {
        const modelKey = `${state.closedVersion}|${cutoff}`;
        let model = this.models.get(modelKey);
        if (!model) this.models.set(modelKey, (model = backtestModel(input, cutoff)));
        return model;
      },
    });
    const quarterStarts = result.periods.filter((p) => windows.some((w) => w.from === p.cutoff));
    const metricsOf = (pick: (p: BacktestPeriod) => Interval) =>
      metrics(accuracyOf(quarterStarts.map((p) => ({ forecast: pick(p), actual: p.actual }))));
    const answer: ForecastAccuracyDto = {
      currencyIsoCode: this.config.currency,
      asOf,
      cadence,
      seed,
      trials,
      baselineMethod: 'Amount x Probability of the open deals whose CloseDate lay in the window, at the cutoff',
      trainingSampleRate: training.sampleRate,
      periods: result.periods.map((p) => ({
        cutoff: isoOf(p.cutoff),
        from: isoOf(p.period.from),
        to: isoOf(p.period.to),
        label: p.period.label,
        openDeals: p.openDeals,
        actual: cents(p.actual),
        actualFromNewDeals: cents(p.actualFromNewDeals),
        booked: cents(p.booked),
        predictive: interval(p.predictive),
        predictiveOpenDealsOnly: interval(p.predictiveOpenDealsOnly),
        baseline: interval(p.baseline),
        modelTrained: p.modelTrained,
      })),
      predictive: metrics(result.predictive),
      predictiveOpenDealsOnly: metrics(result.predictiveOpenDealsOnly),
      baseline: metrics(result.baseline),
      quarterStarts: { predictive: metricsOf((p) => p.predictive), baseline: metricsOf((p) => p.baseline) },
    };
    this.answers.set(key, answer);
    return answer;
  }
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

function interval(i: Interval): ForecastIntervalDto {
  return { expected: cents(i.expected), p10: cents(i.p10), p50: cents(i.p50), p90: cents(i.p90) };
}

function metrics(m: AccuracyMetrics): AccuracyMetricsDto {
  return { mape: round(m.mape), bias: round(m.bias), coverage: round(m.coverage), periods: m.periods };
}
