// Objects the Bulk API does not serve (Salesforce's list includes OpportunityStage and the other
// status picklist objects) are small: they are read over REST queryAll and written with
// upsertRecords, a transaction per REST page. Not resumable: a restart reads the few rows again.
import type { Connection } from 'jsforce';
import type { DataSource } from 'typeorm';
import { upsertRecords, type SalesforceRecord } from '../../mirror/mirror-writer';
import type { FieldSelection } from './field-selection';
import { beginLoad, completeLoad, recordPage } from './load-state';

/** From Salesforce's "sObjects not supported by Bulk API" list: the ones Pulse could mirror. */
export const BULK_UNSUPPORTED = new Set([
  'OpportunityStage',
  'CaseStatus',
  'ContractStatus',
  'LeadStatus',
  'PartnerRole',
  'SolutionStatus',
  'TaskPriority',
]);

export interface RestLoadPage {
  loaded: number;
  total: number;
}

export async function loadOverRest(
  db: DataSource,
  conn: Connection,
  selection: FieldSelection,
  onPage: (page: RestLoadPage) => void,
): Promise<{ loaded: number; swept: number }> {
  const { object, fields } = selection;
  const state = await beginLoad(db, object.sobject);
  const returned: string[] = [];
  let result = await conn.query<SalesforceRecord>(`SELECT ${fields.join(', ')} FROM ${object.sobject}`, {
    scanAll: true,
  });
  for (;;) {
    const { records } = result;
    await db.transaction(async (tx) => {
      await upsertRecords(tx, object, records);
      await recordPage(tx, object.sobject, null, records.length);
    });
    returned.push(...records.map((r) => r.Id));
    onPage({ loaded: returned.length, total: result.totalSize });
    if (result.done || !result.nextRecordsUrl) break;
    result = await conn.queryMore<SalesforceRecord>(result.nextRecordsUrl);
  }
  // By the ids returned (a row upsertRecords kept because it was newer was not re-stamped), and
  // only rows nobody wrote since the load began.
  const swept = await db.transaction(async (tx) => {
    const [{ n }] = await tx.query(
      `WITH gone AS (
         UPDATE ${object.table} SET is_deleted = true, last_synced_at = now()
         WHERE NOT is_deleted AND last_synced_at < $1 AND salesforce_id <> ALL($2) RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [state.loadStartedAt, returned],
    );
    await completeLoad(tx, object.sobject);
    return n as number;
  });
  return { loaded: returned.length, swept };
}
