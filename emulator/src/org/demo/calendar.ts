// Days, quarters and Salesforce-formatted date strings for the generator. Strings are cached
// (one per day, one per minute) so a million records share them instead of each holding a copy.

export const DAY = 86_400_000;
const MINUTE = 60_000;
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** Calendar quarters as one running number: year * 4 + (0..3). */
export const quarterOfDate = (date: Date) => date.getUTCFullYear() * 4 + Math.floor(date.getUTCMonth() / 3);
export const quarterStartMs = (quarter: number) => Date.UTC(Math.floor(quarter / 4), (quarter % 4) * 3, 1);

export class Calendar {
  private readonly dates = new Map<number, string>();
  private readonly times = new Map<number, string>();
  private readonly meetings = new Map<number, string>();
  private readonly quarters = new Map<number, number>();

  /** 'YYYY-MM-DD' of a day number (days since 1970-01-01). */
  date(day: number): string {
    let text = this.dates.get(day);
    if (text === undefined) {
      text = new Date(day * DAY).toISOString().slice(0, 10);
      this.dates.set(day, text);
    }
    return text;
  }

  /** Salesforce's datetime text, to the minute (seconds are a fixed function of the minute). */
  dateTime(ms: number): string {
    const minute = Math.floor(ms / MINUTE);
    let text = this.times.get(minute);
    if (text === undefined) {
      const day = Math.floor(minute / 1440);
      const inDay = minute - day * 1440;
      text = `${this.date(day)}T${TWO[Math.floor(inDay / 60)]}:${TWO[inDay % 60]}:${TWO[(minute * 7919) % 60]}.000+0000`;
      this.times.set(minute, text);
    }
    return text;
  }

  /** A meeting's datetime text: on the minute, as calendars book them. */
  meetingTime(ms: number): string {
    const minute = Math.floor(ms / MINUTE);
    let text = this.meetings.get(minute);
    if (text === undefined) {
      text = new Date(minute * MINUTE).toISOString().replace('Z', '+0000');
      this.meetings.set(minute, text);
    }
    return text;
  }

  quarter(day: number): number {
    let quarter = this.quarters.get(day);
    if (quarter === undefined) {
      quarter = quarterOfDate(new Date(day * DAY));
      this.quarters.set(day, quarter);
    }
    return quarter;
  }

  /** First day of a quarter, and the day after its last. */
  quarterStart(quarter: number): number {
    return Math.round(quarterStartMs(quarter) / DAY);
  }

  quarterEnd(quarter: number): number {
    return this.quarterStart(quarter + 1);
  }

  /** A weekend day moved to the Friday before it (deals close on business days). */
  businessDay(day: number): number {
    const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    return weekday === 6 ? day - 1 : weekday === 0 ? day - 2 : day;
  }
}
