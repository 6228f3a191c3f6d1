// Writes whole Salesforce records into the mirror in one set-based statement per batch, keeping
// the newer of the stored row and the incoming record (by SystemModstamp), so loads, re-fetches,
// polling and reconciliation can overlap with streaming in any order and still end right.
import type { EntityManager } from 'typeorm';
import { columnValue } from './column-values';
import type { EffectiveObject } from './mirror-config';
import type { ColumnType } from './mirrored-objects';

const PG_TYPE: Record<ColumnType, string> = {
  id: 'varchar(18)',
  text: 'text',
  numeric: 'numeric',
  integer: 'integer',
  boolean: 'boolean',
  date: 'date',
  timestamptz: 'timestamptz',
};

export type SalesforceRecord = Record<string, unknown> & { Id: string };

/** The SOQL field list for an object: Id, its typed fields, its extra fields, and the sync's own. */
export function soqlFields(object: EffectiveObject, available?: ReadonlySet<string>): string[] {
  const wanted = [...object.fields.map((f) => f.field), ...object.extraFields];
  const system = ['SystemModstamp', ...(object.hasIsDeleted ? ['IsDeleted'] : [])];
  const chosen = available ? wanted.filter((f) => available.has(f)) : wanted;
  return ['Id', ...new Set([...chosen, ...system])];
}

/** One record as the row jsonb_to_recordset reads: column name to converted value. */
export function rowOf(object: EffectiveObject, record: SalesforceRecord, syncedAt: string): Record<string, unknown> {
  const row: Record<string, unknown> = { salesforce_id: record.Id };
  for (const f of object.fields) row[f.column] = columnValue(f.type, record[f.field], `${object.sobject}.${f.field}`);
  row.extra = Object.fromEntries(object.extraFields.filter((f) => f in record).map((f) => [f, record[f] ?? null]));
  row.system_modstamp = columnValue('timestamptz', record.SystemModstamp, `${object.sobject}.SystemModstamp`);
  row.is_deleted = record.IsDeleted === true || record.IsDeleted === 'true';
  row.last_synced_at = syncedAt;
  return row;
}

function upsertSql(object: EffectiveObject): string {
  const columns = [
    'salesforce_id',
    ...object.fields.map((f) => f.column),
    'extra',
    'system_modstamp',
    'is_deleted',
    'last_synced_at',
  ];
  const types = [
    'varchar(18)',
    ...object.fields.map((f) => PG_TYPE[f.type]),
    'jsonb',
    'timestamptz',
    'boolean',
    'timestamptz',
  ];
  const updates = columns.slice(1).map((c) => `${c} = EXCLUDED.${c}`);
  return `
    WITH changed AS (
    INSERT INTO ${object.table} (${columns.join(', ')})
    -- last_synced_at from the database's clock, the one the sweep after a load compares against.
    SELECT ${columns.slice(0, -1).join(', ')}, now() FROM jsonb_to_recordset($1::jsonb) AS r(${columns.map((c, i) => `${c} ${types[i]}`).join(', ')})
    ON CONFLICT (salesforce_id) DO UPDATE SET ${updates.join(', ')}
    WHERE ${object.table}.system_modstamp <= EXCLUDED.system_modstamp
    RETURNING 1)
    SELECT count(*)::int AS n FROM changed`;
}

const statements = new WeakMap<EffectiveObject, string>();

/** Upserts whole records (never older over newer); returns how many rows changed. */
export async function upsertRecords(
  db: EntityManager,
  object: EffectiveObject,
  records: SalesforceRecord[],
): Promise<number> {
  if (records.length === 0) return 0;
  let sql = statements.get(object);
  if (!sql) statements.set(object, (sql = upsertSql(object)));
  const syncedAt = new Date().toISOString();
  const rows = records.map((r) => rowOf(object, r, syncedAt));
  const [{ n }] = await db.query(sql, [JSON.stringify(rows)]);
  return n as number;
}

/** Runs a write and returns how many rows it changed, the same way for every driver. */
async function count(db: EntityManager, write: string, params: unknown[]): Promise<number> {
  const [{ n }] = await db.query(
    `WITH changed AS (${write} RETURNING 1) SELECT count(*)::int AS n FROM changed`,
    params,
  );
  return n as number;
}

/** Marks rows deleted whose records Salesforce no longer returns at all (hard-deleted). */
export async function markDeleted(db: EntityManager, object: EffectiveObject, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return count(
    db,
    `UPDATE ${object.table} SET is_deleted = true, last_synced_at = now() WHERE salesforce_id = ANY($1) AND NOT is_deleted`,
    [ids],
  );
}

/** After a full load: rows the load did not touch are gone from the org. */
export async function sweepNotSyncedSince(db: EntityManager, object: EffectiveObject, since: Date): Promise<number> {
  return count(
    db,
    `UPDATE ${object.table} SET is_deleted = true, last_synced_at = now() WHERE last_synced_at < $1 AND NOT is_deleted`,
    [since.toISOString()],
  );
}

/** Change events carry compound fields nested (Name: {FirstName}) where records have them flat. */
export function flattenCompound(object: EffectiveObject, fields: Record<string, unknown>): Record<string, unknown> {
  if (!object.compound) return fields;
  const flat: Record<string, unknown> = { ...fields };
  for (const [compound, parts] of Object.entries(object.compound)) {
    const nested = flat[compound];
    if (nested === null || typeof nested !== 'object') continue;
    delete flat[compound];
    for (const [part, field] of Object.entries(parts))
      if (part in nested) flat[field] = (nested as Record<string, unknown>)[part];
  }
  return flat;
}

/** 'BillingAddress.City' (as changedFields and nulledFields name it) is the field BillingCity. */
export function flatFieldName(object: EffectiveObject, name: string): string {
  const [compound, part] = name.split('.');
  return (part && object.compound?.[compound]?.[part]) || name;
}

/**
 * Applies the changed fields of one record (an UPDATE event: only what changed, nulled fields by
 * name) unless the row is already newer. Returns false when there is no such row.
 */
export async function patchRecord(
  db: EntityManager,
  object: EffectiveObject,
  id: string,
  changed: Record<string, unknown>,
  nulled: readonly string[],
  committedAt: Date,
): Promise<boolean> {
  const values = flattenCompound(object, changed);
  for (const field of nulled) values[flatFieldName(object, field)] = null;
  const sets: string[] = [];
  const params: unknown[] = [id, committedAt.toISOString()];
  for (const f of object.fields) {
    if (!(f.field in values)) continue;
    params.push(columnValue(f.type, values[f.field], `${object.sobject}.${f.field}`));
    sets.push(`${f.column} = $${params.length}`);
  }
  const extra = object.extraFields.filter((f) => f in values);
  if (extra.length > 0) {
    params.push(JSON.stringify(Object.fromEntries(extra.map((f) => [f, values[f] ?? null]))));
    sets.push(`extra = extra || $${params.length}::jsonb`);
  }
  const [{ found }] = await db.query(
    `WITH target AS (SELECT id, system_modstamp FROM ${object.table} WHERE salesforce_id = $1 FOR UPDATE),
          changed AS (UPDATE ${object.table} t SET ${[...sets, 'system_modstamp = $2', 'last_synced_at = now()'].join(', ')}
                      FROM target WHERE t.id = target.id AND target.system_modstamp <= $2 RETURNING 1)
     SELECT EXISTS (SELECT 1 FROM target) AS found`,
    params,
  );
  return found as boolean;
}
