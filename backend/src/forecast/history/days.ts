// Forecast arithmetic runs on day numbers (days since 1970-01-01, UTC): CloseDate is a whole day,
// CreatedDate an instant (a fractional day). Comparing numbers is cheaper than comparing dates.

export const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' (or a longer ISO text) -> whole day number. */
export function dayOf(iso: string): number {
  return Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

/** Whole day number -> 'YYYY-MM-DD'. */
export function isoOf(day: number): string {
  return new Date(Math.floor(day) * DAY_MS).toISOString().slice(0, 10);
}

/** An instant (Date, or epoch milliseconds) -> fractional day number. */
export function instantDay(at: Date | number): number {
  return (typeof at === 'number' ? at : at.getTime()) / DAY_MS;
}
