// SOQL's relative date literals (TODAY, LAST_N_DAYS:30, THIS_FISCAL_QUARTER...) as half-open ranges of
// UTC days, and the parsing of stored datetime values. Salesforce evaluates the literals in the user's
// time zone with the locale's first day of week; the emulator uses UTC and Sunday (en_US).

const DAY_MS = 86_400_000;

/** A half-open range of days [start, end), as days since 1970-01-01 (UTC). */
export interface DayRange {
  start: number;
  end: number;
}

type Unit = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR' | 'FISCAL_QUARTER' | 'FISCAL_YEAR';
type Mode = 'THIS' | 'LAST' | 'NEXT' | 'LAST_N' | 'NEXT_N' | 'N_AGO';

interface LiteralSpec {
  unit: Unit;
  mode: Mode;
  /** Fixed n for LAST_90_DAYS / NEXT_90_DAYS. */
  n?: number;
}

/** Every supported literal by name; built from the units so the names cannot drift from the rules. */
const LITERALS = new Map<string, LiteralSpec>([
  ['YESTERDAY', { unit: 'DAY', mode: 'LAST' }],
  ['TODAY', { unit: 'DAY', mode: 'THIS' }],
  ['TOMORROW', { unit: 'DAY', mode: 'NEXT' }],
  ['LAST_90_DAYS', { unit: 'DAY', mode: 'LAST_N', n: 90 }],
  ['NEXT_90_DAYS', { unit: 'DAY', mode: 'NEXT_N', n: 90 }],
]);
for (const unit of ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR', 'FISCAL_QUARTER', 'FISCAL_YEAR'] as const) {
  if (unit !== 'DAY') {
    for (const mode of ['THIS', 'LAST', 'NEXT'] as const) LITERALS.set(`${mode}_${unit}`, { unit, mode });
  }
  LITERALS.set(`LAST_N_${unit}S`, { unit, mode: 'LAST_N' });
  LITERALS.set(`NEXT_N_${unit}S`, { unit, mode: 'NEXT_N' });
  LITERALS.set(`N_${unit}S_AGO`, { unit, mode: 'N_AGO' });
}

/** 'plain' for TODAY-like literals, 'n' for those written `NAME:n`, undefined if not a date literal. */
export function dateLiteralArity(upperName: string): 'plain' | 'n' | undefined {
  const spec = LITERALS.get(upperName);
  if (!spec) return undefined;
  return spec.mode === 'LAST_N' || spec.mode === 'NEXT_N' || spec.mode === 'N_AGO' ? (spec.n ? 'plain' : 'n') : 'plain';
}

export function dateLiteralRange(upperName: string, n: number | null, now: Date, fiscalStartMonth = 1): DayRange {
  const spec = LITERALS.get(upperName);
  if (!spec) throw new Error(`not a date literal: ${upperName}`);
  const count = spec.n ?? n ?? 1;
  const today = Math.floor(now.getTime() / DAY_MS);
  if (spec.unit === 'DAY' && spec.mode === 'LAST_N') {
    // Documented exception: LAST_N_DAYS:n includes today, so it spans n + 1 days.
    return { start: today - count, end: today + 1 };
  }
  const step = stepper(spec.unit, today, fiscalStartMonth);
  switch (spec.mode) {
    case 'THIS':
      return { start: step(0), end: step(1) };
    case 'LAST':
      return { start: step(-1), end: step(0) };
    case 'NEXT':
      return { start: step(1), end: step(2) };
    case 'LAST_N': // the n whole periods before the current one
      return { start: step(-count), end: step(0) };
    case 'NEXT_N': // the n whole periods after the current one
      return { start: step(1), end: step(1 + count) };
    case 'N_AGO':
      return { start: step(-count), end: step(1 - count) };
  }
}

/** For a unit, a function from "k periods from the current one" to the first day of that period. */
function stepper(unit: Unit, today: number, fiscalStartMonth: number): (k: number) => number {
  if (unit === 'DAY') return (k) => today + k;
  if (unit === 'WEEK') {
    const sunday = today - ((today + 4) % 7); // 1970-01-01 was a Thursday
    return (k) => sunday + 7 * k;
  }
  const [months, offset] = {
    MONTH: [1, 0],
    QUARTER: [3, 0],
    YEAR: [12, 0],
    FISCAL_QUARTER: [3, fiscalStartMonth - 1],
    FISCAL_YEAR: [12, fiscalStartMonth - 1],
  }[unit];
  const d = new Date(today * DAY_MS);
  const monthIndex = d.getUTCFullYear() * 12 + d.getUTCMonth();
  const first = monthIndex - mod(monthIndex - offset, months);
  return (k) => Date.UTC(Math.floor((first + k * months) / 12), mod(first + k * months, 12), 1) / DAY_MS;
}

const mod = (a: number, m: number): number => ((a % m) + m) % m;

export const dayToIso = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const dayToMillis = (day: number): number => day * DAY_MS;

/**
 * Epoch milliseconds of a stored datetime ('2026-03-31T12:00:00.000+0000', also 'Z' or '+01:00'), NaN if it
 * is not one. Reads digits in place: this runs once per row for datetime filters, so no Date or regex.
 */
export function dateTimeMillis(value: unknown): number {
  if (typeof value !== 'string' || value.length < 19 || value.charCodeAt(10) !== 84 /* T */) return NaN;
  const n = (at: number, len: number): number => {
    let out = 0;
    for (let k = at; k < at + len; k++) {
      const c = value.charCodeAt(k) - 48;
      if (c < 0 || c > 9) return NaN;
      out = out * 10 + c;
    }
    return out;
  };
  let i = 19;
  let ms = 0;
  if (value.charCodeAt(i) === 46 /* . */) {
    ms = n(20, 3);
    i = 23;
  }
  let offset = 0;
  const sign = value[i];
  if (sign === '+' || sign === '-') {
    const colon = value.charCodeAt(i + 3) === 58 ? 1 : 0;
    offset = (sign === '-' ? -1 : 1) * (n(i + 1, 2) * 60 + n(i + 3 + colon, 2));
  }
  return Date.UTC(n(0, 4), n(5, 2) - 1, n(8, 2), n(11, 2), n(14, 2), n(17, 2), ms) - offset * 60_000;
}
