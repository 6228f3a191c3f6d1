// The org the in-process SOQL fuzzers query: the demo org at a fixed instant, plus rows the demo
// lacks but SOQL must get right (null amounts and parents, names differing only by case, deletions).
import { OrgStore } from '../src/org/store.ts';
import { seedDemoOrg } from '../src/org/demoOrg.ts';
import { executeSoql, type QueryResult } from '../src/soql/index.ts';

/** Wednesday 2026-04-15 12:00 UTC: "now" for the data and for relative date literals. */
export const NOW = Date.UTC(2026, 3, 15, 12);

export function fuzzOrg(): OrgStore {
  const store = new OrgStore({ orgId: '00D5g000004FUZZAAA', clock: () => NOW });
  const { adminUserId } = seedDemoOrg(store, { seed: 7, now: NOW, opportunities: 150 });
  store.transact(adminUserId, (tx) => {
    tx.create('Opportunity', { Name: 'no amount', StageName: 'Prospecting', CloseDate: '2026-04-15' });
    tx.create('Opportunity', { Name: 'NO AMOUNT', StageName: 'Closed Won', CloseDate: '2026-01-01', Amount: 0 });
    tx.create('Account', { Name: 'orphan account' });
    const doomed = tx.create('Opportunity', { Name: 'deleted', StageName: 'Qualification', CloseDate: '2026-05-01' });
    tx.delete('Opportunity', doomed);
  });
  const [firstAccount] = store.scan('Account');
  store.transact(adminUserId, (tx) => tx.delete('Account', firstAccount.Id));
  return store;
}

export function query(store: OrgStore, text: string, includeDeleted = false): QueryResult {
  return executeSoql(text, store, { includeDeleted, apiVersion: '66.0', now: new Date(NOW) });
}
