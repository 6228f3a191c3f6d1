// What the deal rules read inside the apply transaction: the opportunities as the mirror holds
// them before the batch is written, the stages' order, and account names for the messages.
import type { EntityManager } from 'typeorm';
import { rowsBeforeApply } from '../../sync/stream/apply-observer';
import type { FoldedBatch } from '../../sync/stream/change-fold';
import type { DealState, StageInfo } from './deal-state';

interface OpportunityRow {
  salesforce_id: string;
  name: string | null;
  account_id: string | null;
  owner_id: string | null;
  stage_name: string | null;
  amount: string | null;
  close_date: string | null;
  is_closed: boolean | null;
  is_won: boolean | null;
  is_deleted: boolean;
  system_modstamp: Date;
}

/** The opportunities of the batch as the mirror holds them before the write (the sync reads them). */
export async function dealsBefore(
  tx: EntityManager,
  batch: FoldedBatch,
  ids: string[],
): Promise<Map<string, DealState>> {
  const rows = (await rowsBeforeApply(tx, batch, 'Opportunity', ids)) as unknown as OpportunityRow[];
  return new Map(
    rows.map((r) => [
      r.salesforce_id,
      {
        id: r.salesforce_id,
        name: r.name,
        accountId: r.account_id,
        ownerId: r.owner_id,
        stageName: r.stage_name,
        amount: r.amount === null ? null : Number(r.amount),
        closeDate: r.close_date,
        isClosed: r.is_closed === true,
        isWon: r.is_won === true,
        isDeleted: r.is_deleted,
        stampMs: r.system_modstamp.getTime(),
      },
    ]),
  );
}

export async function stageInfo(tx: EntityManager): Promise<Map<string, StageInfo>> {
  const rows: { api_name: string; sort_order: number | null; is_closed: boolean | null; is_won: boolean | null }[] =
    await tx.query(`SELECT api_name, sort_order, is_closed, is_won FROM opportunity_stage WHERE api_name IS NOT NULL`);
  return new Map(
    rows.map((r) => [
      r.api_name,
      { sortOrder: r.sort_order, isClosed: r.is_closed === true, isWon: r.is_won === true },
    ]),
  );
}

export async function accountNames(tx: EntityManager, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows: { salesforce_id: string; name: string }[] = await tx.query(
    `SELECT salesforce_id, name FROM account WHERE salesforce_id = ANY($1) AND name IS NOT NULL`,
    [ids],
  );
  return new Map(rows.map((r) => [r.salesforce_id, r.name]));
}
