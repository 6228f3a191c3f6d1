// Quiet hours: a daily window of local time (it may span midnight, 22:00-07:00) in which nothing is
// sent; an alert due inside it waits for the window's end.
import { addDays, localTime, minutesOf, zonedInstant } from './zoned-time';

export interface QuietHours {
  /** Local times, "HH:MM". */
  start: string;
  end: string;
  timeZone: string;
}

/** When the quiet hours that contain `now` end, or null when `now` is outside them. */
export function quietUntil(now: Date, quiet: QuietHours): Date | null {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const local = localTime(now, quiet.timeZone);
  const m = local.minutes;
  const inside = start < end ? m >= start && m < end : m >= start || m < end;
  if (!inside) return null;
  // A window across midnight entered in the evening ends tomorrow.
  const endDate = start > end && m >= start ? addDays(local.date, 1) : local.date;
  const until = zonedInstant(endDate, end, quiet.timeZone);
  // Never earlier than now (a window ending in a DST gap).
  return until > now ? until : new Date(now.getTime() + 60_000);
}
