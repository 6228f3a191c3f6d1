import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VisibleMirror } from '../access/visible-mirror';
import type { Viewer } from '../access/viewer';
import type { AnalyticsFiltersDto } from '../analytics/filters/analytics-filters.dto';
import { AnalyticsFiltersService, opportunitySegment } from '../analytics/filters/analytics-filters.service';
import { SqlParams } from '../analytics/filters/sql-params';
import { PulseConfig } from '../config/pulse-config';
import { cents, ratio } from '../pipeline/money';
import { FUNNEL_CONVENTION, type DealTotalDto, type FunnelDto } from './dto/funnel.dto';
import { funnelSteps, type FunnelStage, type ReachGroup } from './funnel-steps';
import { mirrorAsOf } from '../pipeline/mirror-as-of';

/** Stages with a place in the order; inactive ones still rank the history rows that name them. */
const STAGES = `
  SELECT api_name AS "stageName", sort_order AS "sortOrder", COALESCE(is_closed, false) AS "isClosed",
         COALESCE(is_won, false) AS "isWon", COALESCE(is_active, false) AS "isActive"
  FROM opportunity_stage WHERE api_name IS NOT NULL AND sort_order IS NOT NULL`;

/**
 * Deals created in the period, grouped by the furthest open stage they were ever in (their history
 * plus their current stage) and how they stand now: a few dozen rows whatever the org's size.
 */
function reachSql(segment: string, from: string, to: string): string {
  return `
    WITH deals AS (
      SELECT o.salesforce_id AS id, o.stage_name, COALESCE(o.amount, 0) AS amount,
             CASE WHEN o.is_won THEN 'won' WHEN o.is_closed THEN 'lost' ELSE 'open' END AS outcome
      FROM visible_opportunity o
      WHERE o.created_date >= (${from}::date::timestamp AT TIME ZONE 'UTC')
        AND o.created_date < ((${to}::date + 1)::timestamp AT TIME ZONE 'UTC')
        AND ${segment}),
    seen AS (
      SELECT h.opportunity_id AS id, h.stage_name
      FROM visible_opportunity_history h JOIN deals d ON d.id = h.opportunity_id
      UNION ALL SELECT id, stage_name FROM deals),
    furthest AS (
      SELECT seen.id, max(s.sort_order) FILTER (WHERE NOT COALESCE(s.is_closed, false)) AS furthest_open
      FROM seen LEFT JOIN opportunity_stage s ON s.api_name = seen.stage_name
      GROUP BY seen.id)
    SELECT f.furthest_open AS "furthestOpen", d.outcome, count(*)::int AS count, sum(d.amount)::text AS amount
    FROM deals d JOIN furthest f ON f.id = d.id
    GROUP BY 1, 2`;
}

@Injectable()
export class FunnelService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mirror: VisibleMirror,
    private readonly filters: AnalyticsFiltersService,
    private readonly config: PulseConfig,
  ) {}

  async funnel(query: AnalyticsFiltersDto, viewer: Viewer): Promise<FunnelDto> {
    const filters = await this.filters.resolve(query, viewer);
    const params = new SqlParams();
    const segment = opportunitySegment(filters, params);
    const sql = reachSql(segment, params.add(filters.period.from), params.add(filters.period.to));
    const [stages, rows, asOf] = await Promise.all([
      this.db.query<(FunnelStage & { isActive: boolean })[]>(STAGES),
      this.mirror.query<Omit<ReachGroup, 'amount'> & { amount: string }>(viewer, sql, params.values),
      mirrorAsOf(this.db),
    ]);
    const groups: ReachGroup[] = rows.map((r) => ({ ...r, amount: Number(r.amount) }));
    const total = (outcome?: ReachGroup['outcome']): DealTotalDto => {
      const gs = groups.filter((g) => !outcome || g.outcome === outcome);
      return { count: gs.reduce((n, g) => n + g.count, 0), amount: cents(gs.reduce((n, g) => n + g.amount, 0)) };
    };
    const [won, lost] = [total('won'), total('lost')];
    return {
      currencyIsoCode: this.config.currency,
      asOf,
      period: filters.period,
      convention: FUNNEL_CONVENTION,
      created: total(),
      open: total('open'),
      won,
      lost,
      winRate: ratio(won.count, won.count + lost.count),
      steps: funnelSteps(
        stages.filter((s) => s.isActive),
        groups,
      ).map((s) => ({ ...s, amount: cents(s.amount) })),
    };
  }
}
