// Fields the platform computes on a record's own save, so that writes and their change events
// carry what a real org would. Each object's rules live in platform/; records the platform writes
// because of a save (history, roll-ups) are in platform/afterSave.ts.
import type { SObjectRecord } from './schema.ts';
import type { OrgStore } from './store.ts';
import { deriveEvent, deriveTask } from './platform/activities.ts';
import { deriveContact } from './platform/contact.ts';
import { deriveLineItem } from './platform/lineItems.ts';
import { deriveOpportunity } from './platform/opportunity.ts';

type Values = Record<string, unknown>;

function user(after: SObjectRecord): Values {
  return { Name: [after.FirstName, after.LastName].filter(Boolean).join(' ') };
}

export function deriveFields(
  store: OrgStore,
  sobject: string,
  before: SObjectRecord | undefined,
  after: SObjectRecord,
  now: string,
): Values {
  switch (sobject) {
    case 'Opportunity':
      return deriveOpportunity(store, before, after, now);
    case 'OpportunityLineItem':
      return deriveLineItem(store, before, after);
    case 'Contact':
      return deriveContact(before, after);
    case 'Task':
      return deriveTask(store, before, after, now);
    case 'Event':
      return deriveEvent(store, before, after);
    case 'User':
      return user(after);
    default:
      return {};
  }
}
