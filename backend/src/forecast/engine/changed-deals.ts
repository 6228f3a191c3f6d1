import { dealOf, sameDeal, type DealRow } from '../history/deal-rows';
import type { DealRecord } from '../history/deal-timeline';

export interface AppliedChanges {
  openDeals: Map<string, DealRecord>;
  /** A deal closed, or a closed one was written since `readAt`: the model should learn again. */
  closedChanged: boolean;
}

/**
 * Folds re-read deals into the open set. A deal re-read only because the reads overlap keeps the
 * object already held, so its scores stay cached; a changed one replaces it; a closed one leaves.
 */
export function applyChangedRows(
  held: ReadonlyMap<string, DealRecord>,
  rows: readonly DealRow[],
  readAt: number,
): AppliedChanges {
  const openDeals = new Map(held);
  let closedChanged = false;
  for (const row of rows) {
    const deal = dealOf(row);
    const before = openDeals.get(deal.id);
    if (before && sameDeal(before, deal)) continue;
    if (!deal.isClosed) openDeals.set(deal.id, deal);
    else if (openDeals.delete(deal.id) || row.synced > readAt) closedChanged = true;
  }
  return { openDeals, closedChanged };
}
