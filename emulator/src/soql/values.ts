// How the values of each describe type behave in SOQL: which literals they take, how they compare
// (text case-insensitively, ids by their 15-character form, datetimes by instant) and how they sort.

import type { FieldType } from '../org/schema.ts';
import { dateTimeMillis } from './dates.ts';

/** Describe types grouped by how SOQL compares them. */
export type ValueKind = 'text' | 'id' | 'number' | 'boolean' | 'date' | 'datetime' | 'multipicklist';

export function kindOf(type: FieldType): ValueKind {
  switch (type) {
    case 'id':
    case 'reference':
      return 'id';
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return 'number';
    case 'boolean':
    case 'date':
    case 'datetime':
    case 'multipicklist':
      return type;
    default:
      return 'text';
  }
}

/** The type name Salesforce prints in "value of filter criterion ... must be of type X". */
export function filterTypeName(type: FieldType): string {
  switch (kindOf(type)) {
    case 'id':
      return 'id';
    case 'number':
      return type === 'int' ? 'integer' : 'double';
    case 'datetime':
      return 'dateTime';
    case 'boolean':
    case 'date':
      return type;
    default:
      return 'string';
  }
}

/** Something a condition or sort key reads from a row: a record field, or a group's key or aggregate. */
export interface BoundOperand<Row> {
  get: (row: Row) => unknown;
  type: FieldType;
  /** How error messages name it: the field's canonical name, or e.g. 'COUNT(Id)'. */
  label: string;
  /** Picklist fields sort in the order their values are defined in. */
  picklistValues?: string[];
}

export type SortKey = string | number;

/**
 * A key that orders like SOQL does, or null for null: lower-cased text (SOQL sorts and compares text
 * case-insensitively), epoch ms for datetimes, 0/1 for booleans, the value itself otherwise.
 */
export function sortKeyOf(kind: ValueKind, value: unknown): SortKey | null {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'text':
    case 'multipicklist':
      return typeof value === 'string' ? value.toLowerCase() : String(value);
    case 'datetime': {
      const ms = dateTimeMillis(value);
      return Number.isNaN(ms) ? null : ms;
    }
    case 'boolean':
      return value === true ? 1 : 0;
    default:
      return value as SortKey;
  }
}

/** Compare two non-null keys of the same kind. */
export const compareKeys = (a: SortKey, b: SortKey): number => (a < b ? -1 : a > b ? 1 : 0);

/** Ids are equal when their case-sensitive 15-character forms are (an 18-character id adds a checksum). */
export function sameId(a: string, b: string): boolean {
  if (a === b) return true;
  const okA = a.length === 15 || a.length === 18;
  const okB = b.length === 15 || b.length === 18;
  return okA && okB && a.startsWith(b.slice(0, 15)) && b.startsWith(a.slice(0, 15));
}

/** A multi-select picklist value as a canonical set: 'B;a' and 'A;b' are equal. */
export const normalizeMultiPicklist = (value: string): string =>
  value
    .split(';')
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== '')
    .sort()
    .join(';');
