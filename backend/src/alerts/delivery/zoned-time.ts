// Wall-clock time in an IANA time zone, with nothing but Intl: what a user's quiet hours and digest
// hour are written in. Minutes of the day (0-1439) stand for a local time.

export interface LocalTime {
  /** The local calendar date, YYYY-MM-DD. */
  date: string;
  /** Minutes since local midnight. */
  minutes: number;
}

const HALF_DAY_MS = 43_200_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone (IANA names such as Europe/Paris, and UTC). */
export function isTimeZone(value: string): boolean {
  try {
    formatter(value);
    return true;
  } catch {
    return false;
  }
}

function parts(instant: Date, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** The local date and time of day of an instant in a zone. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const p = parts(instant, timeZone);
  const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  return { date, minutes: p.hour * 60 + p.minute };
}

/** The zone's offset from UTC at an instant, in ms (local = UTC + offset). */
function offsetMs(instant: number, timeZone: string): number {
  const p = parts(new Date(instant), timeZone);
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return local - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a local wall-clock time occurs: the zone's offsets half a day either side are the two
 * candidates. In a fall-back overlap both are right and the first wins; in a spring-forward gap
 * (a time that does not exist) neither is, and the earlier offset lands just after the gap.
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
  const before = wall - offsetMs(wall - HALF_DAY_MS, timeZone);
  const after = wall - offsetMs(wall + HALF_DAY_MS, timeZone);
  const valid = [before, after].filter((c) => c + offsetMs(c, timeZone) === wall);
  return new Date(valid.length > 0 ? Math.min(...valid) : before);
}

/** The calendar date `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** "22:30" (or "22:30:00", as PostgreSQL's time prints) to minutes of the day. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}
