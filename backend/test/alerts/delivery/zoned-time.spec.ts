// Local wall-clock arithmetic with Intl only: round trips in any zone (properties), the DST edges,
// quiet-hour windows within a day and across midnight, and the backoff schedule.
import fc from 'fast-check';
import { retryAt } from '../../../src/alerts/delivery/backoff';
import { quietUntil } from '../../../src/alerts/delivery/quiet-hours';
import { addDays, isTimeZone, localTime, zonedInstant } from '../../../src/alerts/delivery/zoned-time';

const ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham'];
const HOUR = 3_600_000;

describe('zoned time', () => {
  it('finds the instant of any local time: localTime(zonedInstant(l)) = l, the first of two in an overlap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1) / 60_000, max: Date.UTC(2035, 0, 1) / 60_000 }),
        fc.constantFrom(...ZONES),
        (minute, zone) => {
          const t = new Date(minute * 60_000);
          const local = localTime(t, zone);
          const back = zonedInstant(local.date, local.minutes, zone);
          expect(localTime(back, zone)).toEqual(local);
          // Equal, or t is the second occurrence of a repeated local time (an hour or less later).
          expect(t.getTime() - back.getTime()).toBeGreaterThanOrEqual(0);
          expect(t.getTime() - back.getTime()).toBeLessThanOrEqual(HOUR);
        },
      ),
    );
  });

  it('handles the DST changes of Europe/Paris', () => {
    // 2026-03-29: 02:00 -> 03:00 (02:30 does not exist); 2026-10-25: 03:00 -> 02:00 (02:30 twice).
    expect(zonedInstant('2026-03-29', 150, 'Europe/Paris')).toEqual(new Date('2026-03-29T01:30:00Z'));
    expect(zonedInstant('2026-10-25', 150, 'Europe/Paris')).toEqual(new Date('2026-10-25T00:30:00Z'));
    expect(zonedInstant('2026-07-01', 420, 'Europe/Paris')).toEqual(new Date('2026-07-01T05:00:00Z'));
    expect(localTime(new Date('2026-12-31T23:30:00Z'), 'Europe/Paris')).toEqual({ date: '2027-01-01', minutes: 30 });
  });

  it('knows IANA zones and adds calendar days across months and years', () => {
    expect(isTimeZone('America/Los_Angeles')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});

describe('quiet hours', () => {
  const paris = (start: string, end: string) => ({ start, end, timeZone: 'Europe/Paris' });

  it('across midnight: in the evening until tomorrow’s end, after midnight until today’s', () => {
    // Paris is UTC+1 in November.
    expect(quietUntil(new Date('2026-11-24T21:30:00Z'), paris('22:00', '07:00'))).toEqual(
      new Date('2026-11-25T06:00:00Z'),
    );
    expect(quietUntil(new Date('2026-11-25T03:00:00Z'), paris('22:00', '07:00'))).toEqual(
      new Date('2026-11-25T06:00:00Z'),
    );
    expect(quietUntil(new Date('2026-11-25T06:00:00Z'), paris('22:00', '07:00'))).toBeNull();
    expect(quietUntil(new Date('2026-11-24T20:59:00Z'), paris('22:00', '07:00'))).toBeNull();
  });

  it('within a day, and none when start equals end', () => {
    expect(quietUntil(new Date('2026-11-24T11:30:00Z'), paris('12:00', '14:00'))).toEqual(
      new Date('2026-11-24T13:00:00Z'),
    );
    expect(quietUntil(new Date('2026-11-24T13:00:00Z'), paris('12:00', '14:00'))).toBeNull();
    expect(quietUntil(new Date('2026-11-24T11:30:00Z'), paris('12:00', '12:00'))).toBeNull();
  });

  it('always ends later than now, within a day (property)', () => {
    const hhmm = fc
      .integer({ min: 0, max: 1439 })
      .map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1) / 60_000, max: Date.UTC(2030, 0, 1) / 60_000 }),
        hhmm,
        hhmm,
        fc.constantFrom(...ZONES),
        (minute, start, end, timeZone) => {
          const now = new Date(minute * 60_000);
          const until = quietUntil(now, { start, end, timeZone });
          if (until === null) return;
          expect(until.getTime()).toBeGreaterThan(now.getTime());
          expect(until.getTime() - now.getTime()).toBeLessThanOrEqual(25 * HOUR);
        },
      ),
    );
  });
});

describe('retry backoff', () => {
  it('doubles from 30 s and stops growing at an hour', () => {
    const now = new Date(0);
    expect([1, 2, 3, 8, 20].map((n) => retryAt(now, n).getTime() / 1000)).toEqual([30, 60, 120, 3600, 3600]);
  });
});
