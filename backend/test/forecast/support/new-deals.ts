// The predictive forecast's estimate for deals not created yet, recomputed from raw deals with
// plain date arithmetic: the same quarter point in each of the last quarters whose window has
// ended (at most four, none whose 91-day creation count reaches before the first deal), what was
// created after it and won within it, scaled by deals created in the 91 days before now against
// the same count before those points (bounded to 0.5..2).
import type { DealRecord } from '../../../src/forecast/history/deal-timeline';
import { calendarQuarter } from './org-deals';

export function expectedNewDeals(deals: readonly DealRecord[], t: number): number {
  const first = Math.min(...deals.map((d) => d.createdAt));
  const current = calendarQuarter(Math.floor(t));
  const createdIn = (from: number, to: number) => deals.filter((d) => d.createdAt >= from && d.createdAt < to).length;
  const analogs: { booked: number; created: number }[] = [];
  for (let back = 1; back <= 8 && analogs.length < 4; back++) {
    const q = calendarQuarter(Math.floor(t), -back);
    const asOf = q.from + (t - current.from);
    if (q.to + 1 > t) continue;
    if (asOf - 91 < first) break;
    const from = Math.max(q.from, Math.floor(asOf));
    const booked = deals
      .filter((d) => d.isWon && d.createdAt > asOf && d.closeDay !== null && d.closeDay >= from && d.closeDay <= q.to)
      .reduce((sum, d) => sum + (d.amount ?? 0), 0);
    analogs.push({ booked, created: createdIn(asOf - 91, asOf) });
  }
  if (analogs.length === 0) return 0;
  const createdThen = analogs.reduce((s, a) => s + a.created, 0) / analogs.length;
  const growth = Math.min(2, Math.max(0.5, createdThen > 0 ? createdIn(t - 91, t) / createdThen : 1));
  return (analogs.reduce((s, a) => s + a.booked, 0) / analogs.length) * growth;
}
