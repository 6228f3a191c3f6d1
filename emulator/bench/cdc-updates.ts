// The load for the CDC measurements: opportunity updates, each its own transaction (so its own
// change event), each naming itself in the event by the NextStep it sets.
import type { OrgStore } from '../src/org/store.ts';

/**
 * Updates open opportunities in turn and returns the NextStep written, which the subscriber finds
 * in the event. (Not Amount: on a deal with products the platform derives it from the line items.)
 */
export function updater(store: OrgStore, userId: string): () => string {
  const ids: string[] = [];
  for (const row of store.scan('Opportunity')) if (row.IsClosed === false && ids.push(row.Id) >= 500) break;
  let n = 0;
  return () => {
    const step = `bench ${++n}`;
    store.transact(userId, (tx) => tx.update('Opportunity', ids[n % ids.length], { NextStep: step }));
    return step;
  };
}
