// OpportunityHistory: the platform writes a row when an opportunity is created and whenever its
// stage, amount, close date, probability or forecast category changes, in the same transaction.
import type { SObjectRecord } from '../schema.ts';
import type { Transaction } from '../store.ts';

/** The fields whose change adds a history row. Salesforce's doc names the first four. */
export const HISTORY_TRACKED = ['StageName', 'Amount', 'CloseDate', 'Probability', 'ForecastCategoryName'];

/** The history row for an opportunity as it now stands, and what Amount and CloseDate were before. */
export function historyRowOf(after: SObjectRecord, before: SObjectRecord | undefined): Record<string, unknown> {
  return {
    OpportunityId: after.Id,
    StageName: after.StageName,
    Amount: after.Amount ?? null,
    ExpectedRevenue: after.ExpectedRevenue ?? null,
    CloseDate: after.CloseDate ?? null,
    Probability: after.Probability ?? null,
    ForecastCategory: after.ForecastCategory ?? null,
    PrevAmount: before ? (before.Amount ?? null) : null,
    PrevCloseDate: before ? (before.CloseDate ?? null) : null,
    CurrencyIsoCode: after.CurrencyIsoCode ?? null,
  };
}

export function recordOpportunityHistory(
  tx: Transaction,
  before: SObjectRecord | undefined,
  after: SObjectRecord,
): void {
  // A delete or an undelete moves the deal to or from the recycle bin; its history stays as it is.
  if (after.IsDeleted === true || before?.IsDeleted === true) return;
  if (before && !HISTORY_TRACKED.some((f) => before[f] !== after[f])) return;
  tx.create('OpportunityHistory', historyRowOf(after, before), { platform: true });
}
