import { dateLiteralArity, dateLiteralRange, dateTimeMillis, dayToIso } from './dates.ts';

const NOW = new Date('2026-04-15T12:00:00Z'); // a Wednesday; the week runs Sunday 12th to Saturday 18th

/** [first day, first day after] of a literal, as ISO dates. */
const range = (name: string, n: number | null = null, fiscalStart = 1, now = NOW): [string, string] => {
  const r = dateLiteralRange(name, n, now, fiscalStart);
  return [dayToIso(r.start), dayToIso(r.end)];
};

describe('dateLiteralRange (now = Wed 2026-04-15 UTC)', () => {
  it.each([
    ['YESTERDAY', null, '2026-04-14', '2026-04-15'],
    ['TODAY', null, '2026-04-15', '2026-04-16'],
    ['TOMORROW', null, '2026-04-16', '2026-04-17'],
    ['LAST_WEEK', null, '2026-04-05', '2026-04-12'],
    ['THIS_WEEK', null, '2026-04-12', '2026-04-19'],
    ['NEXT_WEEK', null, '2026-04-19', '2026-04-26'],
    ['LAST_MONTH', null, '2026-03-01', '2026-04-01'],
    ['THIS_MONTH', null, '2026-04-01', '2026-05-01'],
    ['NEXT_MONTH', null, '2026-05-01', '2026-06-01'],
    // LAST_N_DAYS:n includes today (n + 1 days); NEXT_N_DAYS:n starts tomorrow.
    ['LAST_N_DAYS', 7, '2026-04-08', '2026-04-16'],
    ['NEXT_N_DAYS', 7, '2026-04-16', '2026-04-23'],
    ['LAST_90_DAYS', null, '2026-01-15', '2026-04-16'],
    ['NEXT_90_DAYS', null, '2026-04-16', '2026-07-15'],
    ['LAST_QUARTER', null, '2026-01-01', '2026-04-01'],
    ['THIS_QUARTER', null, '2026-04-01', '2026-07-01'],
    ['NEXT_QUARTER', null, '2026-07-01', '2026-10-01'],
    // The N-period literals leave out the current period.
    ['LAST_N_QUARTERS', 2, '2025-10-01', '2026-04-01'],
    ['NEXT_N_QUARTERS', 2, '2026-07-01', '2027-01-01'],
    ['LAST_N_MONTHS', 3, '2026-01-01', '2026-04-01'],
    ['NEXT_N_WEEKS', 2, '2026-04-19', '2026-05-03'],
    ['LAST_YEAR', null, '2025-01-01', '2026-01-01'],
    ['THIS_YEAR', null, '2026-01-01', '2027-01-01'],
    ['NEXT_YEAR', null, '2027-01-01', '2028-01-01'],
    ['LAST_N_YEARS', 2, '2024-01-01', '2026-01-01'],
    ['N_DAYS_AGO', 3, '2026-04-12', '2026-04-13'],
    ['N_MONTHS_AGO', 2, '2026-02-01', '2026-03-01'],
  ])('%s:%s is [%s, %s)', (name, n, start, end) => {
    expect(range(name, n)).toEqual([start, end]);
  });

  it('uses calendar years for fiscal literals by default', () => {
    expect(range('THIS_FISCAL_YEAR')).toEqual(['2026-01-01', '2027-01-01']);
    expect(range('THIS_FISCAL_QUARTER')).toEqual(['2026-04-01', '2026-07-01']);
  });

  it('shifts fiscal years and quarters by the fiscal start month', () => {
    // Fiscal year starting in February: quarters start Feb, May, Aug, Nov.
    expect(range('THIS_FISCAL_YEAR', null, 2)).toEqual(['2026-02-01', '2027-02-01']);
    expect(range('LAST_FISCAL_YEAR', null, 2)).toEqual(['2025-02-01', '2026-02-01']);
    expect(range('NEXT_FISCAL_YEAR', null, 2)).toEqual(['2027-02-01', '2028-02-01']);
    expect(range('THIS_FISCAL_QUARTER', null, 2)).toEqual(['2026-02-01', '2026-05-01']);
    // Fiscal year starting in October: April is in the year that began last October.
    expect(range('THIS_FISCAL_YEAR', null, 10)).toEqual(['2025-10-01', '2026-10-01']);
    expect(range('LAST_FISCAL_QUARTER', null, 10)).toEqual(['2026-01-01', '2026-04-01']);
  });

  it('crosses year boundaries', () => {
    const jan2 = new Date('2026-01-02T08:00:00Z'); // a Friday
    expect(range('LAST_MONTH', null, 1, jan2)).toEqual(['2025-12-01', '2026-01-01']);
    expect(range('LAST_QUARTER', null, 1, jan2)).toEqual(['2025-10-01', '2026-01-01']);
    expect(range('THIS_WEEK', null, 1, jan2)).toEqual(['2025-12-28', '2026-01-04']);
    expect(range('YESTERDAY', null, 1, jan2)).toEqual(['2026-01-01', '2026-01-02']);
  });

  it('uses the UTC day, not the local one', () => {
    expect(range('TODAY', null, 1, new Date('2026-04-15T23:59:59.999Z'))).toEqual(['2026-04-15', '2026-04-16']);
  });
});

describe('dateLiteralArity', () => {
  it('tells plain literals from those taking :n, and non-literals', () => {
    expect(dateLiteralArity('THIS_FISCAL_QUARTER')).toBe('plain');
    expect(dateLiteralArity('LAST_90_DAYS')).toBe('plain');
    expect(dateLiteralArity('LAST_N_QUARTERS')).toBe('n');
    expect(dateLiteralArity('N_DAYS_AGO')).toBe('n');
    expect(dateLiteralArity('THIS_DAY')).toBeUndefined();
    expect(dateLiteralArity('NAME')).toBeUndefined();
  });
});

describe('dateTimeMillis', () => {
  it('reads Salesforce REST datetimes and ISO variants', () => {
    const t = Date.UTC(2026, 2, 31, 12, 0, 0, 123);
    expect(dateTimeMillis('2026-03-31T12:00:00.123+0000')).toBe(t);
    expect(dateTimeMillis('2026-03-31T12:00:00.123Z')).toBe(t);
    expect(dateTimeMillis('2026-03-31T14:00:00.123+02:00')).toBe(t);
    expect(dateTimeMillis('2026-03-31T07:00:00.123-0500')).toBe(t);
    expect(dateTimeMillis('2026-03-31T12:00:00Z')).toBe(t - 123);
  });

  it('is NaN for anything else', () => {
    expect(dateTimeMillis('2026-03-31')).toBeNaN();
    expect(dateTimeMillis(null)).toBeNaN();
    expect(dateTimeMillis('2026-03-31Txx:00:00Z')).toBeNaN();
  });
});
