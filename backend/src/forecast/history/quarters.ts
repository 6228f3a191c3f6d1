import { fiscalQuarter } from '../../analytics/filters/fiscal-period';
import { dayOf, isoOf } from './days';

/** A fiscal quarter as inclusive day numbers. */
export interface DayWindow {
  from: number;
  to: number;
  label: string;
}

/** Fiscal quarters as day windows, memoised: training asks for the same few quarters thousands of times. */
export class Quarters {
  private readonly cache = new Map<string, DayWindow>();

  constructor(readonly fiscalYearStartMonth: number) {}

  /** The quarter `offset` quarters from the one holding `day`. */
  of(day: number, offset = 0): DayWindow {
    const month = isoOf(day).slice(0, 7);
    const key = `${month}|${offset}`;
    let window = this.cache.get(key);
    if (!window) {
      const q = fiscalQuarter(`${month}-01`, this.fiscalYearStartMonth, offset);
      window = { from: dayOf(q.from), to: dayOf(q.to), label: q.label };
      this.cache.set(key, window);
    }
    return window;
  }
}
