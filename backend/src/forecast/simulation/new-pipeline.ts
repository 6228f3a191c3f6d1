import { closedAt, type DealRecord } from '../history/deal-timeline';
import type { DayWindow, Quarters } from '../history/quarters';
import type { StageCatalog } from '../history/stage-catalog';

/** How many earlier quarters stand in for the one ahead. */
export const ANALOG_QUARTERS = 4;

/**
 * One earlier quarter standing in for a forecast window: the instant as far into its quarter as
 * `t` is into the current one, and the window shifted back by the same number of quarters.
 */
export interface Analog {
  asOf: number;
  window: DayWindow;
}

/**
 * Part of every quarter's bookings comes from deals not yet created when the forecast is made
 * (short cycles). No open deal stands for them, so they are estimated from the same point in
 * earlier quarters: what was created after that point and closed won within the shifted window,
 * scaled by how many deals are being created now against then (a growing team makes more).
 * Candidates are the earlier quarters whose window had ended by `knownBy`, most recent first.
 */
export function analogCandidates(t: number, window: DayWindow, quarters: Quarters, knownBy: number): Analog[] {
  const current = quarters.of(t);
  const offset = quarterOffset(quarters, t, window);
  const analogs: Analog[] = [];
  for (let back = 1; back <= ANALOG_QUARTERS * 2; back++) {
    const then = quarters.of(t, -back);
    const asOf = then.from + (t - current.from);
    const shifted = quarters.of(t, offset - back);
    const from = offset === 0 ? Math.max(shifted.from, Math.floor(asOf)) : shifted.from;
    if (shifted.to + 1 <= knownBy) analogs.push({ asOf, window: { from, to: shifted.to, label: shifted.label } });
  }
  return analogs;
}

/**
 * The ANALOG_QUARTERS most recent candidates that lie CREATION_RATE_DAYS after the first deal
 * (`historyFrom`): before that, the creation rate they would be scaled by is not known.
 */
export function usableAnalogs(candidates: readonly Analog[], historyFrom: number): Analog[] {
  return candidates.filter((a) => a.asOf - CREATION_RATE_DAYS >= historyFrom).slice(0, ANALOG_QUARTERS);
}

export function analogsFor(
  t: number,
  window: DayWindow,
  quarters: Quarters,
  knownBy: number,
  historyFrom: number,
): Analog[] {
  return usableAnalogs(analogCandidates(t, window, quarters, knownBy), historyFrom);
}

/** Deals created in this many days before an instant measure how fast pipeline is being made then. */
export const CREATION_RATE_DAYS = 91;
/** Bounds on the growth adjustment, so a quiet or busy quarter in a small team cannot run away. */
const GROWTH_LIMITS = [0.5, 2] as const;

/** What one analog quarter booked from new deals, and how fast deals were created before it. */
export interface AnalogOutcome {
  booked: number;
  createdBefore: number;
}

/**
 * Each analog's bookings scaled by one growth factor: deals created before now against the analogs'
 * average (a ratio of totals: a quiet analog in a small team would inflate a ratio of ratios).
 */
export function scaleByGrowth(outcomes: readonly AnalogOutcome[], createdBeforeNow: number): number[] {
  const createdThen = outcomes.reduce((sum, o) => sum + o.createdBefore, 0) / Math.max(1, outcomes.length);
  const growth = createdThen > 0 ? createdBeforeNow / createdThen : 1;
  const bounded = Math.min(GROWTH_LIMITS[1], Math.max(GROWTH_LIMITS[0], growth));
  return outcomes.map((o) => o.booked * bounded);
}

/**
 * From raw deals: for each analog, bookings of deals created after its instant and won within its
 * window, and deals created in the CREATION_RATE_DAYS before it; then scaled by creation now.
 */
export function newPipelineBookings(
  deals: readonly DealRecord[],
  t: number,
  analogs: readonly Analog[],
  stages: StageCatalog,
  knownBy: number,
): number[] {
  const createdIn = (from: number, to: number) => deals.filter((d) => d.createdAt >= from && d.createdAt < to).length;
  const outcomes = analogs.map(({ asOf, window }) => {
    let booked = 0;
    for (const deal of deals) {
      if (!deal.isWon || deal.createdAt <= asOf || deal.closeDay === null) continue;
      if (deal.closeDay < window.from || deal.closeDay > window.to) continue;
      if (closedAt(deal, stages) <= knownBy) booked += deal.amount ?? 0;
    }
    return { booked, createdBefore: createdIn(asOf - CREATION_RATE_DAYS, asOf) };
  });
  return scaleByGrowth(outcomes, createdIn(t - CREATION_RATE_DAYS, t));
}

/** How many quarters after the one holding `t` the window's quarter is. */
function quarterOffset(quarters: Quarters, t: number, window: DayWindow): number {
  for (let k = 0; k < 16; k++) if (quarters.of(t, k).to >= window.to) return k;
  return 16;
}
