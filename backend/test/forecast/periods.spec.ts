import { backtestReport } from '../../src/forecast/backtest/backtest-report';
import { completedQuartersWithin, cutoffsOf, lastCompletedQuarters } from '../../src/forecast/backtest/cutoffs';
import type { ForecastAccuracyDto } from '../../src/forecast/dto/forecast-accuracy.dto';
import { dayOf, isoOf } from '../../src/forecast/history/days';
import { Quarters } from '../../src/forecast/history/quarters';
import { windowsOf } from '../../src/forecast/predictive/forecast-windows';
import { analogCandidates, usableAnalogs } from '../../src/forecast/simulation/new-pipeline';

const quarters = new Quarters(1);
const today = dayOf('2026-11-24');

describe('forecast periods', () => {
  it('splits a period into fiscal quarters with their offsets from today', () => {
    const windows = windowsOf({ from: '2026-01-01', to: '2026-12-31', label: 'FY2026' }, today + 0.5, quarters);
    expect(windows.map((w) => [w.offset, isoOf(w.window.from), w.window.label])).toEqual([
      [-3, '2026-01-01', 'Q1 FY2026'],
      [-2, '2026-04-01', 'Q2 FY2026'],
      [-1, '2026-07-01', 'Q3 FY2026'],
      [0, '2026-10-01', 'Q4 FY2026'],
    ]);
    expect(() => windowsOf({ from: '2026-10-02', to: '2026-12-31', label: '' }, today, quarters)).toThrow(
      'from must be the first day of a fiscal quarter',
    );
  });

  it('follows a fiscal year that starts in February', () => {
    const february = new Quarters(2);
    const [w] = windowsOf({ from: '2026-11-01', to: '2027-01-31', label: '' }, today, february);
    expect([w.offset, w.window.label]).toEqual([0, 'Q4 FY2027']);
  });

  it('backtests month or quarter starts of completed quarters', () => {
    const last = lastCompletedQuarters(today, 2, quarters);
    expect(last.map((q) => q.label)).toEqual(['Q2 FY2026', 'Q3 FY2026']);
    expect(cutoffsOf(last, 'month').map(isoOf)).toEqual([
      '2026-04-01',
      '2026-05-01',
      '2026-06-01',
      '2026-07-01',
      '2026-08-01',
      '2026-09-01',
    ]);
    expect(cutoffsOf(last, 'quarter').map(isoOf)).toEqual(['2026-04-01', '2026-07-01']);
    // This year: only the quarters already over.
    expect(completedQuartersWithin(dayOf('2026-01-01'), dayOf('2026-12-31'), today, quarters)).toHaveLength(3);
  });

  it('stands for deals not yet created on the same point of earlier quarters, once their quarter is over', () => {
    const t = dayOf('2026-11-15');
    const candidates = analogCandidates(t, quarters.of(t), quarters, t);
    expect(candidates.slice(0, 2).map((a) => [isoOf(a.asOf), isoOf(a.window.from), isoOf(a.window.to)])).toEqual([
      ['2026-08-15', '2026-08-15', '2026-09-30'],
      ['2026-05-16', '2026-05-16', '2026-06-30'],
    ]);
    // Not before 91 days of history exist to measure the creation rate against.
    expect(usableAnalogs(candidates, dayOf('2026-03-01')).map((a) => isoOf(a.asOf))).toEqual(['2026-08-15']);
  });
});

describe('the backtest report', () => {
  it('prints the periods, the error summary and a chart', () => {
    const interval = (expected: number) => ({ expected, p10: expected * 0.8, p50: expected, p90: expected * 1.2 });
    const metrics = { mape: 0.1, bias: 0.05, coverage: 0.75, periods: 1 };
    const report = backtestReport(
      {
        currencyIsoCode: 'USD',
        asOf: null,
        cadence: 'quarter',
        seed: 42,
        trials: 1000,
        baselineMethod: 'weighted pipeline',
        trainingSampleRate: 1,
        periods: [
          {
            cutoff: '2026-07-01',
            from: '2026-07-01',
            to: '2026-09-30',
            label: 'Q3 FY2026',
            openDeals: 12,
            actual: 100_000,
            actualFromNewDeals: 20_000,
            booked: 0,
            predictive: interval(105_000),
            predictiveOpenDealsOnly: interval(80_000),
            baseline: interval(150_000),
            modelTrained: true,
          },
        ],
        predictive: metrics,
        predictiveOpenDealsOnly: metrics,
        baseline: { ...metrics, mape: 0.5 },
        quarterStarts: { predictive: metrics, baseline: metrics },
      } satisfies ForecastAccuracyDto,
      'Backtest',
    );
    expect(report).toContain('2026-07-01  Q3 FY2026 to 09-30');
    expect(report).toContain('105 (84..126)');
    expect(report).toContain('Predictive beats the baseline (MAPE 10.0% against 50.0%)');
    expect(report.split('\n').filter((line) => line.endsWith('2026-07-01'))[0]).toMatch(/\[.*P.*\].*B/);
  });
});
