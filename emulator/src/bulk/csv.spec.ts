// How values are written in result CSV; the HTTP specs cover the rest.
import { csvPage, formatValue, javaDouble } from './csv.ts';

describe('result CSV values', () => {
  it('prints doubles as Java does: plain from 0.001 to 10^7, scientific outside, always with a decimal', () => {
    const cases: [number, string][] = [
      [0, '0.0'],
      [1234567, '1234567.0'],
      [12345678, '1.2345678E7'],
      [500_000_000, '5.0E8'],
      [53000.5, '53000.5'],
      [0.5, '0.5'],
      [0.001, '0.001'],
      [0.0001, '1.0E-4'],
      [-15_000_000, '-1.5E7'],
      [9_999_999.5, '9999999.5'],
    ];
    expect(cases.map(([n]) => javaDouble(n))).toEqual(cases.map(([, text]) => text));
  });

  it('writes booleans as true/false, nulls as empty, datetimes with Z, dates and ints as stored', () => {
    expect(formatValue('boolean', true)).toBe('true');
    expect(formatValue('boolean', false)).toBe('false');
    expect(formatValue('currency', null)).toBe('');
    expect(formatValue('string', undefined)).toBe('');
    expect(formatValue('datetime', '2026-01-31T23:59:58.123+0000')).toBe('2026-01-31T23:59:58.123Z');
    expect(formatValue('date', '2026-01-31')).toBe('2026-01-31');
    expect(formatValue('int', 20000)).toBe('20000');
    expect(formatValue('percent', 75)).toBe('75.0');
  });

  it('quotes every value and escapes quotes by doubling them', async () => {
    const rows = [
      ['a "b", c', ''],
      ['x', 'y'],
    ];
    const stream = csvPage(['Name', 'Account.Name'], (i) => rows[i], 0, 2, {
      columnDelimiter: 'TAB',
      lineEnding: 'CRLF',
    });
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    expect(text).toBe('"Name"\t"Account.Name"\r\n"a ""b"", c"\t""\r\n"x"\t"y"\r\n');
  });
});
