import type { AccuracyMetricsDto, ForecastAccuracyDto } from '../dto/forecast-accuracy.dto';

const WIDTH = 56;
const thousands = (value: number) => Math.round(value / 1000).toLocaleString('en-US');
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const signed = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;

/**
 * The backtest as text for a terminal: one row per cutoff (actual against each method's expected
 * value and P10..P90), the error summary, and a chart of the same (P = predictive, B = baseline,
 * | = actual, [ ] = the predictive P10..P90).
 */
export function backtestReport(result: ForecastAccuracyDto, title: string): string {
  const lines = [
    title,
    `Forecasts as of the ${result.cadence === 'month' ? 'first day of each month, for the rest of its quarter' : 'first day of each quarter'}; ` +
      `amounts in ${result.currencyIsoCode} thousands; seed ${result.seed}, ${result.trials} trials.`,
    `Baseline: ${result.baselineMethod}.`,
    '',
    row(['cutoff', 'window', 'open', 'actual', 'predictive (P10..P90)', 'in', 'baseline (P10..P90)', 'in']),
  ];
  for (const p of result.periods) {
    const inside = (f: { p10: number; p90: number }) => (p.actual >= f.p10 && p.actual <= f.p90 ? 'yes' : 'no');
    lines.push(
      row([
        p.cutoff,
        `${p.label} to ${p.to.slice(5)}`,
        String(p.openDeals),
        thousands(p.actual),
        `${thousands(p.predictive.expected)} (${thousands(p.predictive.p10)}..${thousands(p.predictive.p90)})`,
        inside(p.predictive),
        `${thousands(p.baseline.expected)} (${thousands(p.baseline.p10)}..${thousands(p.baseline.p90)})`,
        inside(p.baseline),
      ]),
    );
  }
  const metrics = (name: string, m: AccuracyMetricsDto) =>
    `${name.padEnd(26)}${percent(m.mape).padStart(8)}${signed(m.bias).padStart(9)}${percent(m.coverage).padStart(12)}`;
  lines.push(
    '',
    `${''.padEnd(26)}${'MAPE'.padStart(8)}${'bias'.padStart(9)}${'P10-P90 in'.padStart(12)}`,
    metrics('predictive', result.predictive),
    metrics('  open deals only', result.predictiveOpenDealsOnly),
    metrics('weighted pipeline', result.baseline),
    metrics('predictive, quarter starts', result.quarterStarts.predictive),
    metrics('baseline, quarter starts', result.quarterStarts.baseline),
    '',
    `Predictive ${result.predictive.mape < result.baseline.mape ? 'beats' : 'does not beat'} the baseline ` +
      `(MAPE ${percent(result.predictive.mape)} against ${percent(result.baseline.mape)}).`,
    '',
    ...chart(result),
  );
  return lines.join('\n');
}

function row(cells: string[]): string {
  const widths = [11, 19, 5, 8, 24, 4, 24, 3];
  return cells.map((c, i) => (i >= 2 && i !== 5 && i !== 7 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' ');
}

function chart(result: ForecastAccuracyDto): string[] {
  const top = Math.max(...result.periods.flatMap((p) => [p.actual, p.predictive.p90, p.baseline.p90]), 1);
  const at = (value: number) => Math.min(WIDTH - 1, Math.max(0, Math.round((value / top) * (WIDTH - 1))));
  const lines = [`0${' '.repeat(WIDTH - 1 - thousands(top).length)}${thousands(top)}`];
  for (const p of result.periods) {
    const cells = Array.from({ length: WIDTH }, () => ' ');
    for (let i = at(p.predictive.p10); i <= at(p.predictive.p90); i++) cells[i] = '-';
    cells[at(p.predictive.p10)] = '[';
    cells[at(p.predictive.p90)] = ']';
    cells[at(p.baseline.expected)] = 'B';
    cells[at(p.predictive.expected)] = 'P';
    cells[at(p.actual)] = '|';
    lines.push(`${cells.join('')}  ${p.cutoff}`);
  }
  lines.push('| actual   P predictive, [--] its P10..P90   B weighted pipeline');
  return lines;
}
