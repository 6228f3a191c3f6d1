// Live traffic: keeps changing the org at a steady rate, as a sales team would (new deals, stage
// moves, wins, losses, slipped close dates, calls and emails), so a demo dashboard keeps moving.
// Every change is an ordinary transaction, so it emits the same change events a user's would.
import type { SObjectRecord } from '../org/schema.ts';
import type { OrgStore } from '../org/store.ts';
import { Random, cumulative } from '../org/demo/random.ts';
import { formatDate } from '../org/values.ts';

const DAY = 86_400_000;
const TICK_MS = 100;
/** Open deals are re-listed this often rather than on every change (cheap at a million deals). */
const RELIST_MS = 5_000;

type Action = 'advance' | 'create' | 'activity' | 'slip' | 'win' | 'lose';
const ACTIONS: Action[] = ['advance', 'create', 'activity', 'slip', 'win', 'lose'];
const WEIGHTS = cumulative([35, 15, 25, 10, 8, 7]);

export interface TrafficOptions {
  /** Changes per second (may be fractional: 0.5 is one change every two seconds). */
  eventsPerSecond: number;
  seed?: number;
  /** Called with a one-line description of each change. */
  onChange?: (description: string) => void;
}

export class Traffic {
  private readonly store: OrgStore;
  private readonly options: TrafficOptions;
  private readonly random: Random;
  private timer?: NodeJS.Timeout;
  private budget = 0;
  private openDeals: SObjectRecord[] = [];
  private listedAt = -Infinity;
  changes = 0;

  constructor(store: OrgStore, options: TrafficOptions) {
    if (!(options.eventsPerSecond > 0) || !Number.isFinite(options.eventsPerSecond)) {
      throw new RangeError(`traffic needs a positive number of events per second, got ${options.eventsPerSecond}`);
    }
    this.store = store;
    this.options = options;
    this.random = new Random(options.seed ?? 1);
  }

  start(): void {
    let last = Date.now();
    this.timer = setInterval(() => {
      const now = Date.now();
      this.budget += ((now - last) / 1000) * this.options.eventsPerSecond;
      last = now;
      for (; this.budget >= 1; this.budget--) this.step();
    }, TICK_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Makes one change; returns what it did (undefined when there was nothing to change). */
  step(): string | undefined {
    const action = ACTIONS[this.random.weighted(WEIGHTS)];
    const deal = action === 'create' ? undefined : this.randomOpenDeal();
    if (action !== 'create' && !deal) return undefined;
    const description = this.apply(action, deal);
    this.changes++;
    this.options.onChange?.(description);
    return description;
  }

  private apply(action: Action, deal: SObjectRecord | undefined): string {
    const today = this.store.clock();
    if (action === 'create' || !deal) return this.createDeal(today);
    const owner = String(deal.OwnerId);
    const update = (values: Record<string, unknown>) =>
      this.store.transact(owner, (tx) => tx.update('Opportunity', deal.Id, values));
    switch (action) {
      case 'advance': {
        const stages = this.openStages();
        const next = stages[stages.indexOf(String(deal.StageName)) + 1] ?? stages.at(-1)!;
        update({ StageName: next });
        return `${deal.Name}: ${deal.StageName} -> ${next}`;
      }
      case 'win':
        update({ StageName: 'Closed Won', CloseDate: formatDate(today) });
        return `${deal.Name}: won`;
      case 'lose':
        update({ StageName: 'Closed Lost', CloseDate: formatDate(today) });
        return `${deal.Name}: lost`;
      case 'slip': {
        const closeDate = formatDate(
          Math.max(Date.parse(String(deal.CloseDate)), today) + (14 + this.random.below(45)) * DAY,
        );
        update({ CloseDate: closeDate });
        return `${deal.Name}: close date pushed to ${closeDate}`;
      }
      case 'activity': {
        const subtype = this.random.pick(['Call', 'Email'] as const);
        this.store.transact(owner, (tx) =>
          tx.create('Task', {
            Subject: `${subtype} about ${deal.Name}`,
            WhatId: deal.Id,
            OwnerId: owner,
            Status: 'Completed',
            TaskSubtype: subtype,
            ActivityDate: formatDate(today),
          }),
        );
        return `${deal.Name}: ${subtype.toLowerCase()} logged`;
      }
    }
  }

  private createDeal(today: number): string {
    const accounts = [...this.store.scan('Account')].filter((a) => a.IsDeleted !== true);
    const account = this.random.pick(accounts);
    const name = `${account.Name} - ${this.random.pick(['Expansion', 'Renewal', 'New Platform', 'Pilot', 'Upgrade'])}`;
    const owner = String(account.OwnerId);
    const amount = Math.round((5_000 + this.random.next() * this.random.next() * 200_000) / 500) * 500;
    const closeDate = formatDate(today + (30 + this.random.below(120)) * DAY);
    this.store.transact(owner, (tx) =>
      tx.create('Opportunity', {
        Name: name,
        AccountId: account.Id,
        OwnerId: owner,
        StageName: this.openStages()[0],
        Amount: amount,
        CloseDate: closeDate,
      }),
    );
    this.listedAt = -Infinity;
    return `${name}: new deal of ${amount}`;
  }

  private randomOpenDeal(): SObjectRecord | undefined {
    const now = Date.now();
    if (now - this.listedAt > RELIST_MS) {
      this.openDeals = [...this.store.scan('Opportunity')].filter((o) => o.IsClosed !== true && o.IsDeleted !== true);
      this.listedAt = now;
    }
    // Deals closed or deleted since the list was made leave it, and are never changed again.
    while (this.openDeals.length > 0) {
      const index = this.random.below(this.openDeals.length);
      const candidate = this.store.get('Opportunity', this.openDeals[index].Id);
      if (candidate && candidate.IsClosed !== true && candidate.IsDeleted !== true) return candidate;
      this.openDeals[index] = this.openDeals[this.openDeals.length - 1];
      this.openDeals.pop();
    }
    return undefined;
  }

  private openStages(): string[] {
    return [...this.store.scan('OpportunityStage')]
      .filter((s) => s.IsActive === true && s.IsClosed !== true)
      .sort((a, b) => Number(a.SortOrder) - Number(b.SortOrder))
      .map((s) => String(s.ApiName));
  }
}
