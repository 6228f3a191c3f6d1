import { formatCurrency, formatLabel, formatNumber, formatTimestamp } from 'c/pulseFormat';

// sfdx-lwc-jest's i18n defaults: locale en-US, currency USD, time zone America/Los_Angeles.
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('c-pulse-format', () => {
  it('formats amounts in the given currency, in whole units', () => {
    expect(formatCurrency(1234500.4, 'EUR')).toBe('€1,234,500');
    expect(formatCurrency(1234500)).toBe('$1,234,500');
  });

  it('formats compact amounts for chart axes', () => {
    expect(formatCurrency(1234500, 'USD', true)).toBe('$1.2M');
  });

  it('formats counts', () => {
    expect(formatNumber(12345)).toBe('12,345');
  });

  it('shows only the time for today, in the user time zone', () => {
    const now = new Date('2026-11-24T20:00:00Z');
    expect(plain(formatTimestamp('2026-11-24T18:04:00Z', now))).toBe('10:04 AM');
  });

  it('adds the date for an earlier day', () => {
    const now = new Date('2026-11-24T20:00:00Z');
    expect(plain(formatTimestamp('2026-11-24T07:30:00Z', now))).toBe('Nov 23, 2026, 11:30 PM');
  });

  it('fills label placeholders and leaves unknown ones', () => {
    expect(formatLabel('Total: {0} · Deals: {1}', '$5', '2')).toBe('Total: $5 · Deals: 2');
    expect(formatLabel('Updated {0} {1}', 'now')).toBe('Updated now {1}');
  });
});
