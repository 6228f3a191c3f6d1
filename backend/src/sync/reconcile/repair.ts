// Re-reads named records as the org holds them now and writes what differs: the one repair every
// kind of drift comes down to. A record the org no longer returns at all was hard-deleted.
import type { Connection } from 'jsforce';
import type { EntityManager } from 'typeorm';
import type { EffectiveObject } from '../../mirror/mirror-config';
import { markDeleted, upsertRecords, type SalesforceRecord } from '../../mirror/mirror-writer';
import { recordsThatChange } from '../poll/record-diff';
import { salesforceDateTime, soqlId } from '../poll/soql';

/** Ids per `WHERE Id IN (...)`: well inside SOQL's 100,000-character limit. */
const BATCH = 200;

export interface Repairs {
  /** Rows the mirror had, with other values (a change without an event, a missed delete/undelete). */
  changed: string[];
  /** Rows the org has and the mirror had not. */
  missing: string[];
  /** Rows the mirror had live that the org no longer has at all. */
  hardDeleted: string[];
}

export const noRepairs = (): Repairs => ({ changed: [], missing: [], hardDeleted: [] });

export const repairCount = (r: Repairs): number => r.changed.length + r.missing.length + r.hardDeleted.length;

/** Writes the records that differ from the mirror, noting each as changed or missing. */
export async function writeDrifted(
  db: EntityManager,
  object: EffectiveObject,
  records: SalesforceRecord[],
  into: Repairs,
): Promise<void> {
  const drifted = await recordsThatChange(db, object, records);
  if (drifted.length === 0) return;
  const ids = drifted.map((r) => r.Id);
  const rows = (await db.query(`SELECT salesforce_id FROM ${object.table} WHERE salesforce_id = ANY($1)`, [ids])) as {
    salesforce_id: string;
  }[];
  const known = new Set(rows.map((r) => r.salesforce_id));
  await upsertRecords(db, object, drifted);
  for (const id of ids) (known.has(id) ? into.changed : into.missing).push(id);
}

/**
 * Re-reads `ids` and repairs their rows. Records stamped at or after `settledBefore` changed again
 * since they were suspected: they are left to the stream (and to the next run), not counted as drift.
 */
export async function repairRecords(
  conn: Connection,
  db: EntityManager,
  object: EffectiveObject,
  fields: string[],
  ids: string[],
  settledBefore: Date,
  into: Repairs = noRepairs(),
): Promise<Repairs> {
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const result = await conn.query<SalesforceRecord>(
      `SELECT ${fields.join(', ')} FROM ${object.sobject} WHERE Id IN (${batch.map(soqlId).join(', ')})`,
      { scanAll: object.hasIsDeleted },
    );
    const settled = result.records.filter((r) => salesforceDateTime(r.SystemModstamp) < settledBefore);
    await writeDrifted(db, object, settled, into);

    const found = new Set(result.records.map((r) => r.Id));
    const gone = batch.filter((id) => !found.has(id));
    if (gone.length > 0) {
      const live = (await db.query(
        `SELECT salesforce_id FROM ${object.table} WHERE salesforce_id = ANY($1) AND NOT is_deleted`,
        [gone],
      )) as { salesforce_id: string }[];
      await markDeleted(db, object, gone);
      into.hardDeleted.push(...live.map((r) => r.salesforce_id));
    }
  }
  return into;
}
