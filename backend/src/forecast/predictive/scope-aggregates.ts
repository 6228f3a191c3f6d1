import { isoOf } from '../history/days';
import type { DayWindow } from '../history/quarters';
import { SqlParams } from '../../analytics/filters/sql-params';
import { CREATION_RATE_DAYS, type Analog } from '../simulation/new-pipeline';

/** What the viewer's deals booked in each window so far, and what each analog quarter booked from new deals. */
export interface ScopeAggregates {
  booked: number[];
  /** Per window, per candidate analog. */
  analogs: { booked: number; createdBefore: number }[][];
  createdBeforeNow: number;
  /** First CreatedDate in scope (fractional day), null without deals. */
  historyFrom: number | null;
}

const dateParam = (params: SqlParams, day: number) => `${params.add(isoOf(Math.floor(day)))}::date`;
const instantParam = (params: SqlParams, day: number) =>
  `${params.add(new Date(day * 86_400_000).toISOString())}::timestamptz`;

/**
 * One pass over the viewer's deals (through their segment): closed-won bookings per window, and
 * for each analog quarter the bookings of deals created after its instant plus how many deals were
 * created in the CREATION_RATE_DAYS before it (see new-pipeline.ts), and the same count before now.
 */
export function scopeAggregatesSql(
  windows: readonly DayWindow[],
  analogs: readonly (readonly Analog[])[],
  now: number,
  segment: (params: SqlParams) => string,
  params: SqlParams,
): string {
  const columns: string[] = [];
  windows.forEach((w, k) => {
    columns.push(
      `COALESCE(sum(o.amount) FILTER (WHERE o.is_won IS TRUE AND o.close_date BETWEEN ${dateParam(params, w.from)} AND ${dateParam(params, w.to)}), 0)::float8 AS "booked_${k}"`,
    );
    analogs[k].forEach((a, j) => {
      const asOf = instantParam(params, a.asOf);
      columns.push(
        `COALESCE(sum(o.amount) FILTER (WHERE o.is_won IS TRUE AND o.created_date > ${asOf} AND o.close_date BETWEEN ${dateParam(params, a.window.from)} AND ${dateParam(params, a.window.to)}), 0)::float8 AS "analog_${k}_${j}"`,
        `count(*) FILTER (WHERE o.created_date >= ${instantParam(params, a.asOf - CREATION_RATE_DAYS)} AND o.created_date < ${asOf})::int AS "created_${k}_${j}"`,
      );
    });
  });
  columns.push(
    `count(*) FILTER (WHERE o.created_date >= ${instantParam(params, now - CREATION_RATE_DAYS)} AND o.created_date < ${instantParam(params, now)})::int AS "createdNow"`,
    `(extract(epoch FROM min(o.created_date)) * 1000)::float8 AS "firstCreated"`,
  );
  return `SELECT ${columns.join(',\n  ')} FROM visible_opportunity o WHERE ${segment(params)}`;
}

export function scopeAggregatesOf(
  row: Record<string, number | null>,
  windows: readonly DayWindow[],
  analogs: readonly (readonly Analog[])[],
): ScopeAggregates {
  return {
    booked: windows.map((_, k) => row[`booked_${k}`] ?? 0),
    analogs: analogs.map((list, k) =>
      list.map((_, j) => ({ booked: row[`analog_${k}_${j}`] ?? 0, createdBefore: row[`created_${k}_${j}`] ?? 0 })),
    ),
    createdBeforeNow: row.createdNow ?? 0,
    historyFrom: row.firstCreated === null ? null : row.firstCreated / 86_400_000,
  };
}
