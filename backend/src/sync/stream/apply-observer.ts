// A hook for work that must commit or roll back with the changes it reacts to (alerts write their
// outbox here): the apply transaction calls each observer before the batch is written, so it can
// read the rows as they were and write rows of its own under the same commit and replayId.
import type { EntityManager } from 'typeorm';
import type { FoldedBatch } from './change-fold';

export interface ApplyObserver {
  /** For logs. */
  readonly name: string;
  /**
   * Runs inside the apply transaction, before `batch` is written to the mirror. It must be cheap
   * when it has nothing to do (it runs for every batch) and must not throw for its own failures:
   * an error here rolls the batch back and retries it, like a database error.
   */
  beforeApply(tx: EntityManager, batch: FoldedBatch): Promise<void>;
}

/**
 * The rows the mirror holds for `ids` of one of the batch's objects, as they are before the batch
 * is written (deleted ones included), keyed by column; dates as YYYY-MM-DD text, never shifted by a
 * time zone. For observers that compare a record before and after its change.
 */
export async function rowsBeforeApply(
  tx: EntityManager,
  batch: FoldedBatch,
  sobject: string,
  ids: readonly string[],
): Promise<Record<string, unknown>[]> {
  const object = batch.objects.get(sobject)?.object;
  if (!object || ids.length === 0) return [];
  const columns = object.fields.map((f) => (f.type === 'date' ? `${f.column}::text AS ${f.column}` : f.column));
  const system = ['salesforce_id', 'system_modstamp', ...(object.hasIsDeleted ? ['is_deleted'] : [])];
  return tx.query(`SELECT ${[...system, ...columns].join(', ')} FROM ${object.table} WHERE salesforce_id = ANY($1)`, [
    ids,
  ]);
}
