import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RoleHierarchyService } from '../../access/role-hierarchy.service';
import type { Viewer } from '../../access/viewer';
import { VisibleMirror } from '../../access/visible-mirror';
import { AnalyticsFiltersService, opportunitySegment } from '../../analytics/filters/analytics-filters.service';
import { SqlParams } from '../../analytics/filters/sql-params';
import { PulseConfig } from '../../config/pulse-config';
import { cents } from '../../pipeline/money';
import { isOpen } from '../../pipeline/deal-predicates';
import { mirrorAsOf } from '../../pipeline/mirror-as-of';
import { DEFAULT_DEAL_LIMIT, DEFAULT_SEED, DEFAULT_TRIALS, type PredictiveQueryDto } from '../dto/predictive-query.dto';
import type { DealForecastDto, PredictiveForecastDto, QuarterForecastDto } from '../dto/predictive-forecast.dto';
import { ForecastEngine } from '../engine/forecast-engine.service';
import { instantDay, isoOf } from '../history/days';
import { stateAt, type DealRecord } from '../history/deal-timeline';
import { monthStart } from '../model/owner-record';
import { simulateBookings, type Interval } from '../simulation/monte-carlo';
import { analogCandidates, scaleByGrowth, usableAnalogs } from '../simulation/new-pipeline';
import { windowsOf } from './forecast-windows';
import { modelSummary } from './model-summary';
import { OutlookCache } from './outlook-cache';
import { scopeAggregatesOf, scopeAggregatesSql } from './scope-aggregates';

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
    const quartersOf = this.engine.quarters;
    const windows = windowsOf(filters.period, t, quartersOf);
    const live = windows.map((w) => w.window.to >= today);
    const candidates = windows.map((w, k) => (live[k] ? analogCandidates(t, w.window, quartersOf, t) : []));

    const dealParams = new SqlParams();
    const dealSql = `SELECT o.salesforce_id AS id FROM visible_opportunity o
      WHERE ${isOpen('o')} AND ${opportunitySegment(filters, dealParams)} ORDER BY o.salesforce_id`;
    const aggregateParams = new SqlParams();
    const aggregateSql = scopeAggregatesSql(
      windows.map((w) => w.window),
      candidates,
      t,
      (params) => opportunitySegment(filters, params),
      aggregateParams,
    );
    const bookedParams = new SqlParams();
    const bookedSql = `
      SELECT o.owner_id AS "ownerId", sum(o.amount)::float8 AS booked FROM visible_opportunity o
      WHERE o.is_won IS TRUE AND o.close_date BETWEEN ${bookedParams.add(filters.period.from)}::date AND ${bookedParams.add(filters.period.to)}::date
        AND ${opportunitySegment(filters, bookedParams)}
      GROUP BY 1`;
    // The viewer's queries run while the working set is brought up to date.
    const [state, ids, [aggregateRow], bookedByOwner, hierarchy, asOf] = await Promise.all([
      this.engine.current(),
      this.mirror.query<{ id: string }>(viewer, dealSql, dealParams.values),
      this.mirror.query<Record<string, number | null>>(viewer, aggregateSql, aggregateParams.values),
      this.mirror.query<{ ownerId: string; booked: number }>(viewer, bookedSql, bookedParams.values),
      this.hierarchy.current(),
      mirrorAsOf(this.db),
    ]);

    // Visible deals the working set does not hold yet (written after its last look) wait for the next refresh.
    const visible = ids.flatMap(({ id }) => state.openDeals.get(id) ?? []);
    const liveWindows = windows.filter((_, k) => live[k]);
    const outlooks = this.outlooks.outlooks(visible, state.model, state.training.owners, t, liveWindows);
    const deals = visible.filter((d) => outlooks.has(d.id));
    const simulated = deals.map((deal) => {
      const outlook = outlooks.get(deal.id)!;
      let next = 0;
      const probabilities = windows.map((_, k) => (live[k] ? outlook.windows[next++] : 0));
      return { id: deal.id, amount: outlook.expectedAmount, windows: probabilities };
    });
    // What each deal is expected to book in the period (any of its quarters).
    const expectedOf = simulated.map((s) => s.amount * s.windows.reduce((a, b) => a + b, 0));

    const aggregates = scopeAggregatesOf(aggregateRow, windows.map((w) => w.window), candidates);
    const newDeals = windows.map((_, k) => {
      if (!live[k] || aggregates.historyFrom === null) return [];
      const usable = new Set(usableAnalogs(candidates[k], aggregates.historyFrom));
      const outcomes = aggregates.analogs[k].filter((_, j) => usable.has(candidates[k][j]));
      return scaleByGrowth(outcomes, aggregates.createdBeforeNow);
    });
    const trials = query.trials ?? DEFAULT_TRIALS;
    const seed = query.seed ?? DEFAULT_SEED;
    const simulation = simulateBookings({
      deals: simulated,
      windowCount: windows.length,
      trials,
      seed,
      booked: aggregates.booked,
      newPipeline: newDeals,
    });

    const average = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
    const weighted = (from: number, to: number) =>
      deals.reduce((sum, d) => {
        const inWindow = d.closeDay !== null && d.closeDay >= Math.max(from, today) && d.closeDay <= to;
        return sum + (inWindow ? ((d.amount ?? 0) * (d.probability ?? 0)) / 100 : 0);
      }, 0);
    const bookings = (interval: Interval, booked: number, fresh: number, baseline: number) => ({
      booked: cents(booked),
      expected: cents(interval.expected),
      p10: cents(interval.p10),
      p50: cents(interval.p50),
      p90: cents(interval.p90),
      openDeals: cents(interval.expected - booked - fresh),
      newDeals: cents(fresh),
      weightedPipeline: cents(booked + baseline),
    });
    const quarters: QuarterForecastDto[] = windows.map((w, k) => ({
      from: isoOf(w.window.from),
      to: isoOf(w.window.to),
      label: w.window.label,
      status: !live[k] ? 'past' : w.offset === 0 ? 'current' : 'future',
      ...bookings(simulation.windows[k], aggregates.booked[k], average(newDeals[k]), live[k] ? weighted(w.window.from, w.window.to) : 0),
    }));
    const sum = (pick: (q: QuarterForecastDto) => number) => quarters.reduce((s, q) => s + pick(q), 0);
    const totalBooked = aggregates.booked.reduce((a, b) => a + b, 0);

    // Only the listed deals are described in full (win probability included).
    const order = deals.map((_, i) => i).sort((a, b) => expectedOf[b] - expectedOf[a] || (deals[a].id < deals[b].id ? -1 : 1));
    const listed = order.slice(0, query.limit ?? DEFAULT_DEAL_LIMIT).map((i): DealForecastDto => {
      const d = deals[i];
      const inPeriod = simulated[i].windows.reduce((a, b) => a + b, 0);
      const dealState = stateAt(d, t, state.model.features.stages);
      const win = dealState ? state.model.winProbability(dealState, d, t, state.training.owners.rate(d.ownerId, monthStart(t))) : 0;
      return {
        opportunityId: d.id,
        name: d.name ?? null,
        ownerId: d.ownerId,
        stageName: d.stageName,
        amount: cents(d.amount),
        closeDate: d.closeDay === null ? null : isoOf(d.closeDay),
        stageProbability: (d.probability ?? 0) / 100,
        winProbability: round(win),
        inPeriodProbability: round(inPeriod),
        slipProbability: round(Math.max(0, win - inPeriod)),
        expectedAmount: cents(expectedOf[i]),
      };
    });
    return {
      currencyIsoCode: this.config.currency,
      asOf,
      period: filters.period,
      forecastDate: isoOf(today),
      seed,
      trials,
      total: bookings(simulation.total, totalBooked, sum((q) => q.newDeals), sum((q) => q.weightedPipeline) - totalBooked),
      quarters,
      owners: this.owners(deals, expectedOf, bookedByOwner, (id) => hierarchy.user(id)?.name ?? id),
      dealCount: deals.length,
      deals: listed,
      model: modelSummary(state.model, state.trainedAt, viewer),
    };
  }

  private owners(
    deals: readonly DealRecord[],
    expectedOf: readonly number[],
    booked: { ownerId: string; booked: number }[],
    nameOf: (id: string) => string,
  ) {
    const byOwner = new Map<string, { openDeals: number; booked: number; expected: number }>();
    const entry = (id: string) => byOwner.get(id) ?? byOwner.set(id, { openDeals: 0, booked: 0, expected: 0 }).get(id)!;
    for (const row of booked) {
      const e = entry(row.ownerId);
      e.booked += row.booked;
      e.expected += row.booked;
    }
    deals.forEach((deal, i) => {
      const e = entry(deal.ownerId);
      e.openDeals++;
      e.expected += expectedOf[i];
    });
    return [...byOwner]
      .map(([ownerId, e]) => ({ ownerId, name: nameOf(ownerId), openDeals: e.openDeals, booked: cents(e.booked), expected: cents(e.expected) }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.ownerId.localeCompare(b.ownerId));
  }
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
