import type { Period } from '../../analytics/filters/fiscal-period';
import { dayOf, isoOf } from '../history/days';
import type { Quarters } from '../history/quarters';

/** The period cut at fiscal quarter starts: one piece per (part of a) quarter. */
export function quarterPieces(period: Period, quarters: Quarters): Period[] {
  const from = dayOf(period.from);
  const to = dayOf(period.to);
  const pieces: Period[] = [];
  for (let start = from; start <= to;) {
    const quarter = quarters.of(start);
    const end = Math.min(quarter.to, to);
    const whole = start === quarter.from && end === quarter.to;
    pieces.push({
      from: isoOf(start),
      to: isoOf(end),
      label: whole ? quarter.label : `${quarter.label} (${isoOf(start)} to ${isoOf(end)})`,
    });
    start = end + 1;
  }
  return pieces;
}
