// Field values as Salesforce's REST JSON carries them, and the checks a write must pass.
import type { FieldDescribe } from './schema.ts';

/** Salesforce's datetime format: millisecond precision and a +0000 offset. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export class WriteError extends Error {
  readonly errorCode: string;
  readonly fields: string[];

  constructor(errorCode: string, message: string, fields: string[] = []) {
    super(message);
    this.errorCode = errorCode;
    this.fields = fields;
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/;

/** Checks one incoming value against its field and returns it in stored form. */
export function coerceFieldValue(f: FieldDescribe, value: unknown): unknown {
  if (value === null || value === undefined) {
    if (!f.nillable)
      throw new WriteError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${f.name}]`, [f.name]);
    return null;
  }
  const bad = () =>
    new WriteError(
      'JSON_PARSER_ERROR',
      `Cannot deserialize instance of ${f.type} from ${JSON.stringify(value)} for field ${f.name}`,
      [f.name],
    );
  switch (f.type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw bad();
      return value;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw bad();
      return value;
    case 'double':
    case 'currency':
    case 'percent':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw bad();
      return value;
    case 'date':
      if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value))) throw bad();
      return value;
    case 'datetime':
      if (typeof value !== 'string' || !DATETIME.test(value) || Number.isNaN(Date.parse(value))) throw bad();
      return formatDateTime(Date.parse(value));
    default:
      if (typeof value !== 'string') throw bad();
      if (f.picklistValues && f.type === 'picklist' && !f.picklistValues.includes(value)) {
        throw new WriteError(
          'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          `${f.label}: bad value for restricted picklist field: ${value}`,
          [f.name],
        );
      }
      return value;
  }
}
