// An opportunity as the deal rules see it: the mirrored row before a change, and the same after
// the change (a patch over the row, or a whole record).
import type { FoldedChange } from '../../sync/stream/change-fold';

export interface DealState {
  id: string;
  name: string | null;
  accountId: string | null;
  ownerId: string | null;
  stageName: string | null;
  amount: number | null;
  /** YYYY-MM-DD. */
  closeDate: string | null;
  isClosed: boolean;
  isWon: boolean;
  isDeleted: boolean;
  /** SystemModstamp of the mirrored row, epoch ms (null after a change: the change's own time counts). */
  stampMs: number | null;
}

export interface StageInfo {
  sortOrder: number | null;
  isClosed: boolean;
  isWon: boolean;
}

/** Fields whose change can fire a deal rule; a change naming none of them is not looked at. */
export const DEAL_RULE_FIELDS = ['StageName', 'CloseDate', 'IsClosed', 'IsWon'];

export function mayFire(change: FoldedChange): boolean {
  return change.kind === 'full' || DEAL_RULE_FIELDS.some((f) => f in change.fields);
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const amount = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : Number(v));
const flag = (v: unknown): boolean => v === true || v === 'true';

/**
 * The deal after `change`; null when it cannot be known (a patch of a row the mirror does not
 * hold: the sync re-reads that record, and no rule can tell what changed).
 */
export function dealAfter(
  id: string,
  before: DealState | null,
  change: FoldedChange,
  stages: ReadonlyMap<string, StageInfo>,
): DealState | null {
  if (change.kind === 'patch' && !before) return null;
  const f = change.fields;
  const base: DealState =
    change.kind === 'full' || !before
      ? {
          id,
          name: null,
          accountId: null,
          ownerId: null,
          stageName: null,
          amount: null,
          closeDate: null,
          isClosed: false,
          isWon: false,
          isDeleted: false,
          stampMs: null,
        }
      : { ...before, stampMs: null };
  const has = (field: string) => field in f;
  const after: DealState = {
    ...base,
    name: has('Name') ? text(f.Name) : base.name,
    accountId: has('AccountId') ? text(f.AccountId) : base.accountId,
    ownerId: has('OwnerId') ? text(f.OwnerId) : base.ownerId,
    stageName: has('StageName') ? text(f.StageName) : base.stageName,
    amount: has('Amount') ? amount(f.Amount) : base.amount,
    closeDate: has('CloseDate') ? (text(f.CloseDate)?.slice(0, 10) ?? null) : base.closeDate,
    isDeleted: change.deleted ?? base.isDeleted,
  };
  // The stage decides IsClosed/IsWon in Salesforce; the event names them too when they change.
  const stage = has('StageName') && after.stageName !== null ? stages.get(after.stageName) : undefined;
  after.isClosed = has('IsClosed') ? flag(f.IsClosed) : (stage?.isClosed ?? base.isClosed);
  after.isWon = has('IsWon') ? flag(f.IsWon) : (stage?.isWon ?? base.isWon);
  return after;
}
