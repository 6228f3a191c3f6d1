import type { Viewer } from '../../access/viewer';
import type { VisibleMirror } from '../../access/visible-mirror';
import { opportunitySegment, type ResolvedFilters } from '../../analytics/filters/analytics-filters.service';
import { SqlParams } from '../../analytics/filters/sql-params';
import { isOpen } from '../../pipeline/deal-predicates';
import type { DayWindow } from '../history/quarters';
import type { Analog } from '../simulation/new-pipeline';
import { scopeAggregatesOf, scopeAggregatesSql, type ScopeAggregates } from './scope-aggregates';

/** What the predictive forecast reads as the viewer (their deals, through their filters). */
export interface ScopeReads {
  /** Their open deals' Ids, in Id order. */
  ids: string[];
  aggregates: ScopeAggregates;
  /** Closed won in the period, per owner. */
  bookedByOwner: { ownerId: string; booked: number }[];
}

export async function readScope(
  mirror: VisibleMirror,
  viewer: Viewer,
  filters: ResolvedFilters,
  windows: readonly DayWindow[],
  candidates: readonly (readonly Analog[])[],
  t: number,
): Promise<ScopeReads> {
  const dealParams = new SqlParams();
  const dealSql = `SELECT o.salesforce_id AS id FROM visible_opportunity o
    WHERE ${isOpen('o')} AND ${opportunitySegment(filters, dealParams)} ORDER BY o.salesforce_id`;
  const aggregateParams = new SqlParams();
  const aggregateSql = scopeAggregatesSql(
    windows,
    candidates,
    t,
    (p) => opportunitySegment(filters, p),
    aggregateParams,
  );
  const bookedParams = new SqlParams();
  const from = bookedParams.add(filters.period.from);
  const to = bookedParams.add(filters.period.to);
  const bookedSql = `
    SELECT o.owner_id AS "ownerId", sum(o.amount)::float8 AS booked FROM visible_opportunity o
    WHERE o.is_won IS TRUE AND o.close_date BETWEEN ${from}::date AND ${to}::date
      AND ${opportunitySegment(filters, bookedParams)}
    GROUP BY 1`;
  const [ids, [aggregateRow], bookedByOwner] = await Promise.all([
    mirror.query<{ id: string }>(viewer, dealSql, dealParams.values),
    mirror.query<Record<string, number | null>>(viewer, aggregateSql, aggregateParams.values),
    mirror.query<{ ownerId: string; booked: number }>(viewer, bookedSql, bookedParams.values),
  ]);
  return { ids: ids.map((r) => r.id), aggregates: scopeAggregatesOf(aggregateRow, windows, candidates), bookedByOwner };
}
