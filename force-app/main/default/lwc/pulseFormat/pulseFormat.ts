// Formats in the user's Salesforce locale and time zone (not the browser's), so numbers and times
// read the way the rest of Lightning Experience shows them.
import LOCALE from '@salesforce/i18n/locale';
import CURRENCY from '@salesforce/i18n/currency';
import TIME_ZONE from '@salesforce/i18n/timeZone';

/**
 * Amounts come in the currency the backend reports (the org's); showing them with the user's
 * currency symbol without converting would misstate them, so that is only the fallback.
 * Whole units: a dashboard reads totals, not cents.
 */
export function formatCurrency(amount: number, currency: string = CURRENCY, compact = false): string {
  return new Intl.NumberFormat(LOCALE, {
    style: 'currency',
    currency,
    notation: compact ? 'compact' : 'standard',
    maximumFractionDigits: compact ? 1 : 0,
  }).format(amount);
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(LOCALE).format(value);
}

/** "10:04 AM" today, "Nov 23, 2026, 10:04 PM" before: a bare time from yesterday would mislead. */
export function formatTimestamp(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const day = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(date);
  const options: Intl.DateTimeFormatOptions =
    day(at) === day(now) ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(LOCALE, { ...options, timeZone: TIME_ZONE }).format(at);
}

/** Fills a custom label's {0}, {1}... placeholders, as Salesforce labels are written. */
export function formatLabel(label: string, ...values: string[]): string {
  return label.replace(/\{(\d+)\}/g, (placeholder, index: string) => values[Number(index)] ?? placeholder);
}
