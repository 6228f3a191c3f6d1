// The stream rules as pure functions of the deal before and after a change: which rules the change
// fires, and what changed (old -> new). Who is told, and whether the amount is large enough for
// them, is the recipients' part.
import { fiscalQuarter } from '../../analytics/filters/fiscal-period';
import type { StreamRuleKind } from '../rule-kinds';
import type { DealState, StageInfo } from './deal-state';

export interface DealTransition {
  kind: StreamRuleKind;
  field: 'StageName' | 'CloseDate';
  from: string | null;
  to: string | null;
  /** close_date_pushed_out: the fiscal quarters the close date left and entered. */
  fromPeriod?: string;
  toPeriod?: string;
}

const closedWon = (d: DealState | null) => d !== null && d.isClosed && d.isWon;
const closedLost = (d: DealState | null) => d !== null && d.isClosed && !d.isWon;

/**
 * `before` null: the change created the record (a deal entered as already won is a won deal).
 * A deleted deal fires nothing; one restored from the recycle bin is compared with what it was.
 */
export function dealTransitions(
  before: DealState | null,
  after: DealState,
  stages: ReadonlyMap<string, StageInfo>,
  fiscalYearStartMonth: number,
): DealTransition[] {
  if (after.isDeleted) return [];
  const found: DealTransition[] = [];
  const stage = { field: 'StageName' as const, from: before?.stageName ?? null, to: after.stageName };
  if (closedWon(after) && !closedWon(before)) found.push({ kind: 'deal_won', ...stage });
  if (closedLost(after) && !closedLost(before)) found.push({ kind: 'deal_lost', ...stage });

  if (before && before.stageName !== null && after.stageName !== null && before.stageName !== after.stageName) {
    const from = stages.get(before.stageName)?.sortOrder;
    const to = stages.get(after.stageName)?.sortOrder;
    if (from != null && to != null && to < from) found.push({ kind: 'stage_moved_backwards', ...stage });
  }

  // Pushed out: later, and past the end of the fiscal quarter it was in. Closing a deal moves its
  // close date to the day it closed: that is not a slip.
  if (before?.closeDate && after.closeDate && !after.isClosed && after.closeDate > before.closeDate) {
    const was = fiscalQuarter(before.closeDate, fiscalYearStartMonth);
    if (after.closeDate > was.to)
      found.push({
        kind: 'close_date_pushed_out',
        field: 'CloseDate',
        from: before.closeDate,
        to: after.closeDate,
        fromPeriod: was.label,
        toPeriod: fiscalQuarter(after.closeDate, fiscalYearStartMonth).label,
      });
  }
  return found;
}
