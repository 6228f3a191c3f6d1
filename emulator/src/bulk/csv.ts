// Bulk API 2.0 result CSV: every value quoted, as Salesforce writes it; booleans `true`/`false`; null as
// an empty value; numbers as the platform's Java doubles print (1234567.0, 1.2345678E7); datetimes in
// the SOAP/Bulk form (…T10:00:00.000Z, not REST's +0000); dates as YYYY-MM-DD.
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { FieldType } from '../org/schema.ts';
import { dateTimeMillis } from '../soql/dates.ts';

export const COLUMN_DELIMITERS = {
  BACKQUOTE: '`',
  CARET: '^',
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  TAB: '\t',
} as const;
export type ColumnDelimiter = keyof typeof COLUMN_DELIMITERS;

export const LINE_ENDINGS = { LF: '\n', CRLF: '\r\n' } as const;
export type LineEnding = keyof typeof LINE_ENDINGS;

/** Java's Double.toString, which Salesforce's APIs use for double, currency and percent values. */
export function javaDouble(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(value);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa, exponent] = value.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** One field value as its CSV text. */
export function formatValue(type: FieldType, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'boolean':
      return value === true ? 'true' : 'false';
    case 'double':
    case 'currency':
    case 'percent':
      return typeof value === 'number' ? javaDouble(value) : String(value);
    case 'datetime': {
      const ms = dateTimeMillis(value);
      return Number.isNaN(ms) ? String(value) : new Date(ms).toISOString();
    }
    default:
      return String(value);
  }
}

export interface CsvDialect {
  columnDelimiter: ColumnDelimiter;
  lineEnding: LineEnding;
}

/** Rows rendered per csv-stringify call: pages stream out in small pieces, never as one big string. */
const CHUNK_ROWS = 1000;

/** A results page (header row, then rows `start` to `end`) as a stream, rendered as it is read. */
export function csvPage(
  header: string[],
  row: (index: number) => string[],
  start: number,
  end: number,
  dialect: CsvDialect,
): Readable {
  const options = {
    delimiter: COLUMN_DELIMITERS[dialect.columnDelimiter],
    record_delimiter: LINE_ENDINGS[dialect.lineEnding],
    quoted: true,
    quoted_empty: true,
  };
  function* chunks(): Generator<string> {
    yield stringify([header], options);
    for (let from = start; from < end; from += CHUNK_ROWS) {
      const rows: string[][] = [];
      for (let i = from; i < Math.min(end, from + CHUNK_ROWS); i++) rows.push(row(i));
      yield stringify(rows, options);
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
