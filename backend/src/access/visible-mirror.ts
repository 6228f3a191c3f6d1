import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Viewer } from './viewer';

/**
 * The mirror as one viewer may see it: the only way analytics and forecasts read records.
 * A query names these views (`FROM visible_opportunity o`), never the tables behind them, so
 * access control lives here once instead of in every endpoint (a test scans the sources for
 * raw table names). Reference data that carries no deal (stages, roles, products, accounts)
 * is read from its table directly.
 */
const VIEWS: Record<string, (owner: (column: string) => string) => string> = {
  visible_opportunity: (owner) => `SELECT * FROM opportunity WHERE NOT is_deleted AND ${owner('owner_id')}`,
  visible_opportunity_history: () =>
    `SELECT h.* FROM opportunity_history h
     WHERE NOT h.is_deleted AND h.opportunity_id IN (SELECT salesforce_id FROM visible_opportunity)`,
  visible_opportunity_line_item: () =>
    `SELECT li.* FROM opportunity_line_item li
     WHERE NOT li.is_deleted AND li.opportunity_id IN (SELECT salesforce_id FROM visible_opportunity)`,
  visible_task: (owner) => `SELECT * FROM task WHERE NOT is_deleted AND ${owner('owner_id')}`,
  visible_event: (owner) => `SELECT * FROM event WHERE NOT is_deleted AND ${owner('owner_id')}`,
  visible_quota: (owner) => `SELECT * FROM forecasting_quota WHERE NOT is_deleted AND ${owner('quota_owner_id')}`,
  visible_user: (owner) => `SELECT * FROM sf_user WHERE ${owner('salesforce_id')}`,
};

/** Raw tables a query must not name: everything it reads of them goes through a view above. */
export const SCOPED_TABLES = [
  'opportunity',
  'opportunity_history',
  'opportunity_line_item',
  'task',
  'event',
  'forecasting_quota',
  'sf_user',
];

@Injectable()
export class VisibleMirror {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Runs `sql` (which reads `visible_*` views, with its own parameters $1..$n) as `viewer`.
   * The views are prepended as NOT MATERIALIZED CTEs, so PostgreSQL plans them into the query
   * (indexes on owner_id apply) instead of copying a million rows for an admin.
   */
  query<T = Record<string, unknown>>(viewer: Viewer, sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const scoped = this.scope(viewer, sql, params);
    return this.db.query(scoped.sql, scoped.params);
  }

  /** `sql` with the views it reads, and its parameters, as `viewer` (for callers that run it themselves). */
  scope(viewer: Viewer, sql: string, params: readonly unknown[] = []): { sql: string; params: unknown[] } {
    const ownersParam = `$${params.length + 1}`;
    const owner = (column: string) =>
      viewer.ownerIds === null ? 'TRUE' : `${column} = ANY(${ownersParam}::varchar[])`;
    const used = VIEWS_IN_ORDER.filter((name) => needs(sql, name));
    if (used.length === 0) return { sql, params: [...params] };
    const ctes = used.map((name) => `${name} AS NOT MATERIALIZED (${VIEWS[name](owner)})`).join(',\n');
    const extra = viewer.ownerIds === null ? [] : [viewer.ownerIds];
    // A query with its own WITH [RECURSIVE] list gets the views at the head of that list.
    const own = /^\s*WITH(\s+RECURSIVE)?\s/i.exec(sql);
    const scoped = own ? `WITH${own[1] ?? ''} ${ctes},\n${sql.slice(own[0].length)}` : `WITH ${ctes}\n${sql}`;
    return { sql: scoped, params: [...params, ...extra] };
  }
}

/** Views that read another view come after it. */
const VIEWS_IN_ORDER = Object.keys(VIEWS);
const DEPENDS: Record<string, string[]> = {
  visible_opportunity_history: ['visible_opportunity'],
  visible_opportunity_line_item: ['visible_opportunity'],
};

function needs(sql: string, view: string): boolean {
  if (new RegExp(`\\b${view}\\b`).test(sql)) return true;
  return Object.entries(DEPENDS).some(([dependent, on]) => on.includes(view) && needs(sql, dependent));
}
