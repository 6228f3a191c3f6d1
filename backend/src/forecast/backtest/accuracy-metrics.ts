/** How a forecast method did over the backtest's periods. */
export interface AccuracyMetrics {
  /** Mean absolute percentage error of the expected bookings (periods with bookings only). */
  mape: number;
  /** Mean signed percentage error: above 0 the method over-forecasts. */
  bias: number;
  /** Share of periods whose actual bookings fell within the method's P10..P90 (80% is ideal). */
  coverage: number;
  periods: number;
}

export interface ForecastOutcome {
  forecast: { expected: number; p10: number; p90: number };
  actual: number;
}

export function accuracyOf(outcomes: readonly ForecastOutcome[]): AccuracyMetrics {
  const scored = outcomes.filter((o) => o.actual > 0);
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  return {
    mape: mean(scored.map((o) => Math.abs(o.forecast.expected - o.actual) / o.actual)),
    bias: mean(scored.map((o) => (o.forecast.expected - o.actual) / o.actual)),
    coverage: mean(outcomes.map((o) => (o.actual >= o.forecast.p10 && o.actual <= o.forecast.p90 ? 1 : 0))),
    periods: scored.length,
  };
}
