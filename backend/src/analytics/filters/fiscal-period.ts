// Fiscal periods as the org defines them: quarters of a year that starts in a configured month,
// named (like Salesforce's default) for the calendar year in which the fiscal year ends.
// Dates are ISO calendar days (YYYY-MM-DD), as CloseDate is: no time zone can shift them.

export const PERIOD_NAMES = [
  'this_quarter',
  'last_quarter',
  'next_quarter',
  'this_year',
  'last_year',
  'next_year',
  'custom',
] as const;
export type PeriodName = (typeof PERIOD_NAMES)[number];

export interface Period {
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
  /** "Q3 FY2026", "FY2026" or "2026-01-01 to 2026-02-15". */
  label: string;
}

const iso = (year: number, month: number, day: number) =>
  new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
const monthsSince0 = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

/** The fiscal quarter `offset` quarters from the one holding `date` (0 = that one). */
export function fiscalQuarter(date: string, startMonth: number, offset = 0): Period {
  const fiscalMonth = monthsSince0(date) - (startMonth - 1); // months since January of fiscal year 0
  const first = (Math.floor(fiscalMonth / 3) + offset) * 3 + (startMonth - 1); // months since 0 AD
  const from = iso(Math.floor(first / 12), (first % 12) + 1, 1);
  const to = iso(Math.floor((first + 3) / 12), ((first + 3) % 12) + 1, 0);
  const quarterIndex = Math.floor(fiscalMonth / 3) + offset;
  const fiscalYear = Math.floor(quarterIndex / 4) + (startMonth === 1 ? 0 : 1);
  return { from, to, label: `Q${(((quarterIndex % 4) + 4) % 4) + 1} FY${fiscalYear}` };
}

/** The fiscal year `offset` years from the one holding `date`. */
export function fiscalYear(date: string, startMonth: number, offset = 0): Period {
  const first = fiscalQuarter(date, startMonth);
  const quarterOfYear = Number(first.label[1]) - 1;
  const start = fiscalQuarter(date, startMonth, -quarterOfYear + offset * 4);
  const end = fiscalQuarter(date, startMonth, -quarterOfYear + offset * 4 + 3);
  return { from: start.from, to: end.to, label: start.label.slice(3) };
}

/** A named period relative to `today`; custom ranges are checked by the caller. */
export function resolvePeriod(name: Exclude<PeriodName, 'custom'>, today: string, startMonth: number): Period {
  switch (name) {
    case 'this_quarter':
      return fiscalQuarter(today, startMonth, 0);
    case 'last_quarter':
      return fiscalQuarter(today, startMonth, -1);
    case 'next_quarter':
      return fiscalQuarter(today, startMonth, 1);
    case 'this_year':
      return fiscalYear(today, startMonth, 0);
    case 'last_year':
      return fiscalYear(today, startMonth, -1);
    case 'next_year':
      return fiscalYear(today, startMonth, 1);
  }
}
