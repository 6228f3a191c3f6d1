// The sync's error log (sync_error): what the status API lists and an admin reads first.
import type { EntityManager } from 'typeorm';

export interface SyncErrorEntry {
  sobject?: string;
  kind: string;
  message: string;
  recordIds?: string[];
  replayId?: number;
}

export async function recordSyncError(db: EntityManager, entry: SyncErrorEntry): Promise<void> {
  await db.query(`INSERT INTO sync_error (sobject, record_ids, replay_id, kind, message) VALUES ($1, $2, $3, $4, $5)`, [
    entry.sobject ?? null,
    entry.recordIds ?? null,
    entry.replayId ?? null,
    entry.kind,
    entry.message.slice(0, 4000),
  ]);
}
