/** Amounts leave as numbers rounded to cents: weighted sums otherwise carry float noise. */
export const cents = (value: number | string | null | undefined): number => Math.round(Number(value ?? 0) * 100) / 100;

/** A ratio, or null (never NaN or Infinity) when there is nothing to divide by. */
export const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? numerator / denominator : null;
