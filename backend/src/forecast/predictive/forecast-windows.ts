import { BadRequestException } from '@nestjs/common';
import type { Period } from '../../analytics/filters/fiscal-period';
import { dayOf } from '../history/days';
import type { DayWindow, Quarters } from '../history/quarters';

/** Longest period the predictive forecast covers: eight fiscal quarters. */
export const MAX_QUARTERS = 8;

/** One fiscal quarter of the period: done (actuals only), under way, or ahead. */
export interface ForecastWindow {
  /** Quarters after the one holding today (0: this quarter). Negative: past. */
  offset: number;
  window: DayWindow;
}

/**
 * The period as whole fiscal quarters, each with its offset from today's. The model forecasts by
 * fiscal quarter (as quotas are set), so a custom period must start and end on quarter bounds.
 */
export function windowsOf(period: Period, t: number, quarters: Quarters): ForecastWindow[] {
  const from = dayOf(period.from);
  const to = dayOf(period.to);
  const first = quarters.of(from);
  if (first.from !== from) {
    throw new BadRequestException(
      `from must be the first day of a fiscal quarter (${period.from} is not; try ${quarters.of(from).label})`,
    );
  }
  const current = quarters.of(t);
  // Quarters are 90 to 92 days long: estimate the offset, then step onto it.
  let offsetOfFirst = Math.round((first.from - current.from) / 91.3);
  while (quarters.of(t, offsetOfFirst).from > first.from) offsetOfFirst--;
  while (quarters.of(t, offsetOfFirst).from < first.from) offsetOfFirst++;
  const windows: ForecastWindow[] = [];
  for (let k = 0; quarters.of(from, k).from <= to; k++) {
    if (k >= MAX_QUARTERS)
      throw new BadRequestException(`the predictive forecast covers at most ${MAX_QUARTERS} fiscal quarters`);
    const window = quarters.of(from, k);
    windows.push({ offset: offsetOfFirst + k, window });
  }
  if (windows.at(-1)!.window.to !== to) {
    throw new BadRequestException(`to must be the last day of a fiscal quarter (${period.to} is not)`);
  }
  return windows;
}
