// What every step of the generator shares: the store, the random stream, the calendar, the
// reference instants and the team.
import type { SObjectDescribe } from '../schema.ts';
import type { OrgStore } from '../store.ts';
import type { Calendar } from './calendar.ts';
import type { Random } from './random.ts';
import type { Rep } from './team.ts';

export interface DemoContext {
  store: OrgStore;
  rand: Random;
  calendar: Calendar;
  /** The reference instant: history ends here, open pipeline lies ahead. */
  now: number;
  /** Two years before `now`: the span dashboards and forecasts learn from. */
  historyStart: number;
  /** When the org's records were set up (before the first deal). */
  orgStart: number;
  adminUserId: string;
  reps: Rep[];
  describe: Record<
    'Account' | 'Contact' | 'Opportunity' | 'OpportunityHistory' | 'OpportunityLineItem' | 'Task' | 'Event',
    SObjectDescribe
  >;
  /** Product2 and standard PricebookEntry ids, by index into catalog PRODUCTS. */
  productIds: string[];
  entryIds: string[];
  pricebookId: string;
}
