import type { Cadence } from '../dto/accuracy-query.dto';
import type { DayWindow, Quarters } from '../history/quarters';
import { monthStart } from '../model/owner-record';

/**
 * When the backtest stands: the first day of each month (forecasting the rest of its quarter, as
 * a monthly forecast call does) or of each quarter, within the given completed quarters.
 */
export function cutoffsOf(quarters: readonly DayWindow[], cadence: Cadence): number[] {
  return quarters.flatMap((q) => {
    if (cadence === 'quarter') return [q.from];
    const months: number[] = [];
    for (let m = q.from; m <= q.to; m = monthStart(m + 32)) months.push(m);
    return months;
  });
}

/** The last `count` fiscal quarters that ended before `today`, oldest first. */
export function lastCompletedQuarters(today: number, count: number, quarters: Quarters): DayWindow[] {
  return Array.from({ length: count }, (_, i) => quarters.of(today, -(count - i)));
}

/** The completed fiscal quarters lying wholly within [from, to]. */
export function completedQuartersWithin(from: number, to: number, today: number, quarters: Quarters): DayWindow[] {
  const out: DayWindow[] = [];
  for (let q = quarters.of(from); q.from <= to; q = quarters.of(q.to + 1)) {
    if (q.from >= from && q.to <= to && q.to < today) out.push(q);
  }
  return out;
}
