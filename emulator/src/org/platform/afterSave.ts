// Records the platform writes because another record was saved, inside the same transaction (so
// the same commit): OpportunityHistory rows, and the opportunity's roll-up of its line items.
import type { SObjectRecord } from '../schema.ts';
import type { OrgStore, Transaction } from '../store.ts';
import { rollUpLineItems } from './lineItems.ts';
import { recordOpportunityHistory } from './opportunityHistory.ts';

/** `before` is undefined on insert; on delete `after` is the row as it went to the recycle bin. */
export function afterSave(
  store: OrgStore,
  tx: Transaction,
  sobject: string,
  before: SObjectRecord | undefined,
  after: SObjectRecord,
): void {
  switch (sobject) {
    case 'Opportunity':
      recordOpportunityHistory(tx, before, after);
      break;
    case 'OpportunityLineItem':
      rollUpLineItems(store, tx, after.OpportunityId);
      break;
  }
}
