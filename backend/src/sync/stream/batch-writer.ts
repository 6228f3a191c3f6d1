// Writes a folded batch into the mirror inside the caller's transaction: per object, one multi-row
// upsert of whole records (mirror-writer's) and one multi-row patch of changed fields, both read
// from a single JSON parameter with jsonb_to_recordset and both guarded so that a change never
// overwrites a row stamped later (SystemModstamp against the change's commit time).
import type { EntityManager } from 'typeorm';
import { columnValue } from '../../mirror/column-values';
import type { EffectiveObject } from '../../mirror/mirror-config';
import type { ColumnType } from '../../mirror/mirrored-objects';
import { upsertRecords, type SalesforceRecord } from '../../mirror/mirror-writer';
import type { FoldedBatch, ObjectChanges, PatchChange } from './change-fold';
import type { StreamState } from './stream-state';

const CAST: Record<ColumnType, string> = {
  id: 'varchar(18)',
  text: 'text',
  numeric: 'numeric',
  integer: 'integer',
  boolean: 'boolean',
  date: 'date',
  timestamptz: 'timestamptz',
};

/**
 * Each input row names only the columns it changes (`v`); the others keep their value. Returns the
 * ids that have no row at all, which a patch cannot build (they are re-read instead).
 */
function patchSql(object: EffectiveObject): string {
  const t = object.table;
  const sets = object.fields.map(
    (f) =>
      `${f.column} = CASE WHEN r.v ? '${f.column}' THEN (r.v->>'${f.column}')::${CAST[f.type]} ELSE t.${f.column} END`,
  );
  return `
    WITH r AS (
      SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(salesforce_id varchar(18), ts timestamptz, deleted boolean, v jsonb, x jsonb)
    ), patched AS (
      UPDATE ${t} t SET ${sets.join(', ')},
        extra = CASE WHEN r.x IS NULL THEN t.extra ELSE t.extra || r.x END,
        is_deleted = coalesce(r.deleted, t.is_deleted),
        system_modstamp = r.ts,
        last_synced_at = now()
      FROM r WHERE t.salesforce_id = r.salesforce_id AND t.system_modstamp <= r.ts
    )
    -- The UPDATE above runs whether or not this reads it; this sees the rows as they were before it.
    SELECT r.salesforce_id AS missing FROM r
     WHERE NOT EXISTS (SELECT 1 FROM ${t} WHERE ${t}.salesforce_id = r.salesforce_id)`;
}

const statements = new WeakMap<EffectiveObject, string>();

function patchRow(object: EffectiveObject, id: string, change: PatchChange) {
  const v: Record<string, unknown> = {};
  for (const f of object.fields)
    if (f.field in change.fields)
      v[f.column] = columnValue(f.type, change.fields[f.field], `${object.sobject}.${f.field}`);
  const extra = object.extraFields.filter((f) => f in change.fields);
  return {
    salesforce_id: id,
    ts: new Date(change.commitTimestamp).toISOString(),
    deleted: change.deleted ?? null,
    v,
    x: extra.length > 0 ? Object.fromEntries(extra.map((f) => [f, change.fields[f] ?? null])) : null,
  };
}

export interface WriteOutcome {
  /** Rows written or patched (guarded ones included: the guard decides inside the statement). */
  records: number;
  /** Per object, ids queued for a re-read. */
  refetched: Map<string, number>;
}

async function writeObject(tx: EntityManager, state: StreamState, changes: ObjectChanges, replayId: number | null) {
  const { object } = changes;
  const ids = [...changes.records.keys()].sort(); // one lock order everywhere: fewer deadlocks with loads
  const full: SalesforceRecord[] = [];
  const patches: ReturnType<typeof patchRow>[] = [];
  for (const id of ids) {
    const change = changes.records.get(id)!;
    if (change.kind === 'full')
      full.push({ ...change.fields, Id: id, SystemModstamp: change.commitTimestamp, IsDeleted: change.deleted });
    else patches.push(patchRow(object, id, change));
  }
  await upsertRecords(tx, object, full);
  const refetch = new Map(changes.refetch);
  if (patches.length > 0) {
    let sql = statements.get(object);
    if (!sql) statements.set(object, (sql = patchSql(object)));
    const missing: { missing: string }[] = await tx.query(sql, [JSON.stringify(patches)]);
    // An update or delete of a record the mirror has never seen: what Salesforce holds now is the answer.
    for (const { missing: id } of missing) if (!refetch.has(id)) refetch.set(id, 'change to a record not mirrored');
  }
  const byReason = new Map<string, string[]>();
  for (const [id, reason] of refetch) byReason.set(reason, [...(byReason.get(reason) ?? []), id]);
  for (const [reason, list] of byReason) await state.requestRefetch(tx, object.sobject, list, reason, replayId);
  return { records: ids.length, refetched: refetch.size };
}

export async function writeFolded(tx: EntityManager, state: StreamState, batch: FoldedBatch): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { records: 0, refetched: new Map() };
  for (const changes of batch.objects.values()) {
    const { records, refetched } = await writeObject(tx, state, changes, batch.lastReplayId);
    outcome.records += records;
    if (refetched > 0) outcome.refetched.set(changes.object.sobject, refetched);
  }
  for (const [sobject, reason] of batch.resync) await state.requestResync(tx, sobject, reason, batch.lastReplayId);
  return outcome;
}
