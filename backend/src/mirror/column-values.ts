// Salesforce values (REST JSON, change-event payloads, Bulk CSV text) converted to what a column
// of each type holds. Salesforce stores an empty text as null, so '' is null everywhere.
import type { ColumnType } from './mirrored-objects';

export class InvalidFieldValue extends Error {}

export function columnValue(type: ColumnType, value: unknown, field: string): string | number | boolean | null {
  if (value === null || value === undefined || value === '') return null;
  switch (type) {
    case 'boolean':
      if (value === true || value === 'true') return true;
      if (value === false || value === 'false') return false;
      break;
    case 'numeric':
    case 'integer': {
      const n = typeof value === 'number' ? value : Number(value);
      if (Number.isFinite(n) && (type === 'numeric' || Number.isInteger(n))) return n;
      break;
    }
    case 'date':
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
      if (typeof value === 'number') return new Date(value).toISOString().slice(0, 10);
      break;
    case 'timestamptz': {
      // REST '2026-03-31T12:00:00.000+0000', Bulk '...Z', change events also as epoch milliseconds.
      const ms = typeof value === 'number' ? value : Date.parse(String(value).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
      if (Number.isFinite(ms)) return new Date(ms).toISOString();
      break;
    }
    default:
      if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  throw new InvalidFieldValue(`${field}: ${JSON.stringify(value)} is not a valid ${type}`);
}
