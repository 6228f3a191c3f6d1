// Which incoming records would change the mirror: new rows, and rows whose stored values differ
// and are not newer. Polling re-reads an overlap and reconciliation re-reads what it checks, so
// writing only these keeps idle runs free of writes, counts real changes, and announces (to live
// widgets) only what changed. Equal SystemModstamps are compared by content: Salesforce stamps to
// the second, so two versions of a record can share one.
import type { EntityManager } from 'typeorm';
import type { EffectiveObject } from '../../mirror/mirror-config';
import { rowOf, type SalesforceRecord } from '../../mirror/mirror-writer';
import type { ColumnType } from '../../mirror/mirrored-objects';

// The same types mirror-writer's upsert reads its rows as, so both compare alike.
const PG_TYPE: Record<ColumnType, string> = {
  id: 'varchar(18)',
  text: 'text',
  numeric: 'numeric',
  integer: 'integer',
  boolean: 'boolean',
  date: 'date',
  timestamptz: 'timestamptz',
};

const statements = new WeakMap<EffectiveObject, string>();

function diffSql(object: EffectiveObject): string {
  const compared = [
    ...object.fields.map((f) => [f.column, PG_TYPE[f.type]]),
    ['extra', 'jsonb'],
    ['system_modstamp', 'timestamptz'],
    ['is_deleted', 'boolean'],
  ];
  const columns = [['salesforce_id', 'varchar(18)'], ...compared];
  const tuple = (alias: string) => `ROW(${compared.map(([c]) => `${alias}.${c}`).join(', ')})`;
  return `
    SELECT r.salesforce_id AS id
    FROM jsonb_to_recordset($1::jsonb) AS r(${columns.map(([c, t]) => `${c} ${t}`).join(', ')})
    LEFT JOIN ${object.table} t ON t.salesforce_id = r.salesforce_id
    WHERE t.id IS NULL OR (t.system_modstamp <= r.system_modstamp AND ${tuple('t')} IS DISTINCT FROM ${tuple('r')})`;
}

/** The records among `records` that differ from the mirror and are not older than it. */
export async function recordsThatChange(
  db: EntityManager,
  object: EffectiveObject,
  records: SalesforceRecord[],
): Promise<SalesforceRecord[]> {
  if (records.length === 0) return [];
  let sql = statements.get(object);
  if (!sql) statements.set(object, (sql = diffSql(object)));
  const now = new Date().toISOString();
  const rows = records.map((r) => rowOf(object, r, now));
  const changed = new Set(((await db.query(sql, [JSON.stringify(rows)])) as { id: string }[]).map((r) => r.id));
  return records.filter((r) => changed.has(r.Id));
}
