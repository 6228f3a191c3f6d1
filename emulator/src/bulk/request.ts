// Reads the body of POST /jobs/query: { operation, query, columnDelimiter?, lineEnding?, contentType? }.
import { COLUMN_DELIMITERS, LINE_ENDINGS, type ColumnDelimiter, type LineEnding } from './csv.ts';
import type { QueryOperation } from './jobs.ts';

export interface QueryJobRequest {
  operation: QueryOperation;
  query: string;
  columnDelimiter: ColumnDelimiter;
  lineEnding: LineEnding;
}

const OPERATIONS = ['query', 'queryAll'] as const;
const DELIMITERS = Object.keys(COLUMN_DELIMITERS) as ColumnDelimiter[];
const ENDINGS = Object.keys(LINE_ENDINGS) as LineEnding[];

/** `value` if it is one of `values`; `fallback` when it is absent. */
const oneOf = <T extends string>(values: readonly T[], value: unknown, fallback?: T): T | undefined =>
  value === undefined || value === null ? fallback : values.find((v) => v === value);

/** The request, or the message saying what is wrong with it. */
export function readQueryJobRequest(body: unknown): QueryJobRequest | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The request body must be a JSON object';
  const fields = body as Record<string, unknown>;
  const operation = oneOf(OPERATIONS, fields.operation);
  if (!operation) return `Invalid operation: ${JSON.stringify(fields.operation ?? null)}; use query or queryAll`;
  if (typeof fields.query !== 'string' || fields.query.trim() === '') return 'A query must be specified';
  const columnDelimiter = oneOf(DELIMITERS, fields.columnDelimiter, 'COMMA');
  if (!columnDelimiter) return `Invalid columnDelimiter: ${JSON.stringify(fields.columnDelimiter)}`;
  const lineEnding = oneOf(ENDINGS, fields.lineEnding, 'LF');
  if (!lineEnding) return `Invalid lineEnding: ${JSON.stringify(fields.lineEnding)}`;
  if (oneOf(['CSV'], fields.contentType, 'CSV') === undefined) return 'The only content type supported is CSV';
  return { operation, query: fields.query, columnDelimiter, lineEnding };
}
