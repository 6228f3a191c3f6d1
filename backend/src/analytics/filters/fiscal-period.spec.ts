import { fiscalQuarter, fiscalYear, resolvePeriod } from './fiscal-period';

describe('fiscal periods', () => {
  it('uses calendar quarters when the fiscal year starts in January', () => {
    expect(fiscalQuarter('2026-11-24', 1)).toEqual({ from: '2026-10-01', to: '2026-12-31', label: 'Q4 FY2026' });
    expect(fiscalQuarter('2026-11-24', 1, 1)).toEqual({ from: '2027-01-01', to: '2027-03-31', label: 'Q1 FY2027' });
    expect(fiscalQuarter('2026-01-01', 1, -1)).toEqual({ from: '2025-10-01', to: '2025-12-31', label: 'Q4 FY2025' });
  });

  it('names a February-start fiscal year for the year it ends in', () => {
    // FY2027 runs 2026-02-01 .. 2027-01-31; November 2026 is in its Q4 (Nov, Dec, Jan).
    expect(fiscalQuarter('2026-11-24', 2)).toEqual({ from: '2026-11-01', to: '2027-01-31', label: 'Q4 FY2027' });
    expect(fiscalQuarter('2026-01-15', 2)).toEqual({ from: '2025-11-01', to: '2026-01-31', label: 'Q4 FY2026' });
    expect(fiscalYear('2026-11-24', 2)).toEqual({ from: '2026-02-01', to: '2027-01-31', label: 'FY2027' });
  });

  it('handles leap years and year ends', () => {
    expect(fiscalQuarter('2028-02-29', 12)).toEqual({ from: '2027-12-01', to: '2028-02-29', label: 'Q1 FY2028' });
    expect(fiscalYear('2026-06-30', 7, -1)).toEqual({ from: '2024-07-01', to: '2025-06-30', label: 'FY2025' });
  });

  it('resolves named periods relative to today', () => {
    expect(resolvePeriod('next_year', '2026-11-24', 1)).toEqual({
      from: '2027-01-01',
      to: '2027-12-31',
      label: 'FY2027',
    });
    // FY2027 runs April 2026 .. March 2027; 24 November is in its Q3, so last quarter is July .. September.
    expect(resolvePeriod('last_quarter', '2026-11-24', 4)).toEqual({
      from: '2026-07-01',
      to: '2026-09-30',
      label: 'Q2 FY2027',
    });
  });
});
