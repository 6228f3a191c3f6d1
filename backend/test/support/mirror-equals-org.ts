// The correctness check of every sync test: the mirror against the emulated org's own records, ROW
// BY ROW and field by field, through the same conversions the sync uses (column-values.ts). Deleted
// records must be mirrored as deleted; rows the org no longer has at all (hard-deleted) must be
// marked deleted; no org record may be missing.
import type { OrgStore, SObjectRecord } from '@pulse/emulator';
import { columnValue } from '../../src/mirror/column-values';
import { effectiveObjects, type EffectiveObject } from '../../src/mirror/mirror-config';
import type { ColumnType } from '../../src/mirror/mirrored-objects';

export interface MirrorDifference {
  sobject: string;
  id: string;
  /** The Salesforce field (or `row`, `is_deleted`, `extra.<Field>`). */
  field: string;
  org: unknown;
  mirror: unknown;
}

export interface Queryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of whatever the SQL selects
  query(sql: string, params?: unknown[]): Promise<any[]>;
}

export interface CompareOptions {
  /** Stop after this many differences (default 50): enough to see what is wrong. */
  limit?: number;
}

/** How each column type is read back so that it compares exactly (dates never through JS Date). */
const READ: Record<ColumnType, (column: string) => string> = {
  id: (c) => c,
  text: (c) => c,
  numeric: (c) => `${c}::text`,
  integer: (c) => c,
  boolean: (c) => c,
  date: (c) => `to_char(${c}, 'YYYY-MM-DD')`,
  timestamptz: (c) => `(extract(epoch from ${c}) * 1000)::float8`,
};

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/** A JS number rounded to `scale` decimals half away from zero, as PostgreSQL rounds numeric(p,s). */
function roundDecimal(value: number, scale: number): number {
  const text = String(Math.abs(value));
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return Number(value.toFixed(scale));
  const [, whole, fraction = ''] = match;
  if (fraction.length <= scale) return value;
  const digits = BigInt(whole + fraction.slice(0, scale)) + (Number(fraction[scale]) >= 5 ? 1n : 0n);
  const rounded = Number(digits) / 10 ** scale;
  return value < 0 ? -rounded : rounded;
}

/** The value a typed column should hold for an org value, in the form READ gives it back. */
function expected(type: ColumnType, value: unknown, label: string, scale: number | undefined): unknown {
  let v: unknown;
  try {
    v = columnValue(type, value, label);
  } catch {
    return value; // not convertible: reported as a difference, with the raw value
  }
  if (v === null) return null;
  if (type === 'timestamptz') return Date.parse(v as string);
  if (type === 'numeric' && scale !== undefined && scale !== null) return roundDecimal(v as number, scale);
  return v;
}

function sameColumn(type: ColumnType, want: unknown, got: unknown): boolean {
  if (want === null || got === null) return want === got;
  if (type === 'numeric') return Number(got) === want;
  return want === got;
}

/** Extra fields keep JSON values: numbers, booleans, text; datetimes compare as instants. */
function normalizeExtra(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' && DATETIME.test(value))
    return Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return value;
}

function sameExtra(a: unknown, b: unknown): boolean {
  const [x, y] = [normalizeExtra(a), normalizeExtra(b)];
  if (typeof x === 'number' && typeof y === 'string') return Number(y) === x;
  if (typeof y === 'number' && typeof x === 'string') return Number(x) === y;
  return x === y;
}

async function numericScales(db: Queryable, table: string): Promise<Map<string, number>> {
  const rows = await db.query(
    `SELECT column_name, numeric_scale FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 AND data_type = 'numeric'`,
    [table],
  );
  return new Map(
    rows.map((r: { column_name: string; numeric_scale: number | null }) => [r.column_name, r.numeric_scale!]),
  );
}

async function compareObject(
  db: Queryable,
  store: OrgStore,
  object: EffectiveObject,
  report: (d: MirrorDifference) => boolean,
): Promise<void> {
  const { sobject } = object;
  const scales = await numericScales(db, object.table);
  const select = [
    'salesforce_id',
    ...object.fields.map((f) => `${READ[f.type](f.column)} AS ${f.column}`),
    'extra',
    `${READ.timestamptz('system_modstamp')} AS system_modstamp`,
    'is_deleted',
  ];
  const rows: Record<string, unknown>[] = await db.query(`SELECT ${select.join(', ')} FROM ${object.table}`);
  const mirror = new Map(rows.map((r) => [r.salesforce_id as string, r]));
  const org = new Map<string, SObjectRecord>();
  for (const record of store.scan(sobject)) org.set(record.Id, record);

  for (const [id, record] of org) {
    const row = mirror.get(id);
    const diff = (field: string, want: unknown, got: unknown) => report({ sobject, id, field, org: want, mirror: got });
    if (!row) {
      if (diff('row', 'present', 'missing')) return;
      continue;
    }
    for (const f of object.fields) {
      const want = expected(f.type, record[f.field], `${sobject}.${f.field}`, scales.get(f.column));
      if (!sameColumn(f.type, want, row[f.column]) && diff(f.field, want, row[f.column])) return;
    }
    const modstamp = expected('timestamptz', record.SystemModstamp, `${sobject}.SystemModstamp`, undefined);
    if (modstamp !== row.system_modstamp && diff('SystemModstamp', modstamp, row.system_modstamp)) return;
    const deleted = object.hasIsDeleted && record.IsDeleted === true;
    if (deleted !== row.is_deleted && diff('is_deleted', deleted, row.is_deleted)) return;
    const extra = (row.extra ?? {}) as Record<string, unknown>;
    for (const key of new Set([...object.extraFields, ...Object.keys(extra)])) {
      if (!object.extraFields.includes(key)) {
        if (diff(`extra.${key}`, '(not configured)', extra[key])) return;
      } else if (!sameExtra(record[key], extra[key]) && diff(`extra.${key}`, record[key] ?? null, extra[key] ?? null))
        return;
    }
  }
  // Rows of records the org no longer has at all: hard-deleted, so they must be marked deleted.
  for (const [id, row] of mirror) {
    if (
      !org.has(id) &&
      row.is_deleted !== true &&
      report({ sobject, id, field: 'is_deleted', org: '(purged)', mirror: row.is_deleted })
    )
      return;
  }
}

/** Every difference between the mirror and the org (up to `limit`), object by object. */
export async function mirrorDifferences(
  db: Queryable,
  store: OrgStore,
  objects: readonly EffectiveObject[] = effectiveObjects(),
  options: CompareOptions = {},
): Promise<MirrorDifference[]> {
  const limit = options.limit ?? 50;
  const differences: MirrorDifference[] = [];
  const report = (d: MirrorDifference) => differences.push(d) >= limit;
  for (const object of objects) {
    await compareObject(db, store, object, report);
    if (differences.length >= limit) break;
  }
  return differences;
}

/** Fails the test with the differences listed, when there are any. */
export async function expectMirrorEqualsOrg(
  db: Queryable,
  store: OrgStore,
  objects: readonly EffectiveObject[] = effectiveObjects(),
  options: CompareOptions = {},
): Promise<void> {
  expect(await mirrorDifferences(db, store, objects, options)).toEqual([]);
}
