import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RoleHierarchyService } from '../../access/role-hierarchy.service';
import type { Viewer } from '../../access/viewer';
import { VisibleMirror } from '../../access/visible-mirror';
import { AnalyticsFiltersService } from '../../analytics/filters/analytics-filters.service';
import { PulseConfig } from '../../config/pulse-config';
import { mirrorAsOf } from '../../pipeline/mirror-as-of';
import { DEFAULT_DEAL_LIMIT, DEFAULT_SEED, DEFAULT_TRIALS, type PredictiveQueryDto } from '../dto/predictive-query.dto';
import type { PredictiveForecastDto, QuarterForecastDto } from '../dto/predictive-forecast.dto';
import { ForecastEngine } from '../engine/forecast-engine.service';
import { instantDay, isoOf } from '../history/days';
import { simulateBookings } from '../simulation/monte-carlo';
import { analogCandidates } from '../simulation/new-pipeline';
import { average, bookingsOf, newDealsByWindow, ownersOf, weightedPipeline } from './forecast-figures';
import { windowsOf } from './forecast-windows';
import { listedDeals } from './listed-deals';
import { modelSummary } from './model-summary';
import { OutlookCache } from './outlook-cache';
import { readScope } from './scope-reads';

/** The forecast stands at the end of today (UTC): the same answer all day for the same data. */
export const forecastInstant = (now = Date.now()) => Math.floor(instantDay(now)) + 1 - 1e-6;

/**
 * The predictive forecast for the viewer's deals: each open deal's calibrated probability of
 * closing won in each quarter of the period, bookings simulated from them (with what is booked
 * already and an estimate for deals not created yet), per quarter, per owner and per deal.
 */
@Injectable()
export class PredictiveForecastService {
  private readonly outlooks = new OutlookCache();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly engine: ForecastEngine,
    private readonly mirror: VisibleMirror,
    private readonly filters: AnalyticsFiltersService,
    private readonly hierarchy: RoleHierarchyService,
    private readonly config: PulseConfig,
  ) {}

  /** Deals re-scored by the last forecast (the rest came from the cache). */
  get lastScored(): number {
    return this.outlooks.lastScored;
  }

  async forecast(query: PredictiveQueryDto, viewer: Viewer, now = Date.now()): Promise<PredictiveForecastDto> {
    const t = forecastInstant(now);
    const today = Math.floor(t);
    const filters = await this.filters.resolve(query, viewer, isoOf(today));
    const windows = windowsOf(filters.period, t, this.engine.quarters);
    const live = windows.map((w) => w.window.to >= today);
    const candidates = windows.map((w, k) => (live[k] ? analogCandidates(t, w.window, this.engine.quarters, t) : []));
    // The viewer's reads run while the working set is brought up to date.
    const [state, scope, hierarchy, asOf] = await Promise.all([
      this.engine.current(),
      readScope(
        this.mirror,
        viewer,
        filters,
        windows.map((w) => w.window),
        candidates,
        t,
      ),
      this.hierarchy.current(),
      mirrorAsOf(this.db),
    ]);

    // Visible deals the working set does not hold yet (written after its last look) wait for the next refresh.
    const visible = scope.ids.flatMap((id) => state.openDeals.get(id) ?? []);
    const outlooks = this.outlooks.outlooks(
      visible,
      state.model,
      state.training.owners,
      t,
      windows.filter((_, k) => live[k]),
    );
    const deals = visible.filter((d) => outlooks.has(d.id));
    const simulated = deals.map((deal) => {
      const outlook = outlooks.get(deal.id)!;
      let next = 0;
      return {
        id: deal.id,
        amount: outlook.expectedAmount,
        windows: windows.map((_, k) => (live[k] ? outlook.windows[next++] : 0)),
      };
    });
    const inPeriod = simulated.map((s) => s.windows.reduce((a, b) => a + b, 0));
    const expectedOf = simulated.map((s, i) => s.amount * inPeriod[i]);
    const newDeals = newDealsByWindow(scope.aggregates, candidates, live);
    const trials = query.trials ?? DEFAULT_TRIALS;
    const seed = query.seed ?? DEFAULT_SEED;
    const simulation = simulateBookings({
      deals: simulated,
      windowCount: windows.length,
      trials,
      seed,
      booked: scope.aggregates.booked,
      newPipeline: newDeals,
    });

    const quarters: QuarterForecastDto[] = windows.map((w, k) => ({
      from: isoOf(w.window.from),
      to: isoOf(w.window.to),
      label: w.window.label,
      status: !live[k] ? 'past' : w.offset === 0 ? 'current' : 'future',
      ...bookingsOf(
        simulation.windows[k],
        scope.aggregates.booked[k],
        average(newDeals[k]),
        live[k] ? weightedPipeline(deals, w.window.from, w.window.to, today) : 0,
      ),
    }));
    const sum = (pick: (q: QuarterForecastDto) => number) => quarters.reduce((s, q) => s + pick(q), 0);
    const booked = scope.aggregates.booked.reduce((a, b) => a + b, 0);
    return {
      currencyIsoCode: this.config.currency,
      asOf,
      period: filters.period,
      forecastDate: isoOf(today),
      seed,
      trials,
      total: bookingsOf(
        simulation.total,
        booked,
        sum((q) => q.newDeals),
        sum((q) => q.weightedPipeline) - booked,
      ),
      quarters,
      owners: ownersOf(deals, expectedOf, scope.bookedByOwner, (id) => hierarchy.user(id)?.name ?? id),
      dealCount: deals.length,
      deals: listedDeals(
        deals,
        inPeriod,
        expectedOf,
        state.model,
        state.training.owners,
        t,
        query.limit ?? DEFAULT_DEAL_LIMIT,
      ),
      model: modelSummary(state.model, state.trainedAt, viewer),
    };
  }
}
