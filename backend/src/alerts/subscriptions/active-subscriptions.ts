import { Injectable } from '@nestjs/common';
import { STREAM_RULES } from '../rule-kinds';
import type { Subscription } from './subscription';
import { SubscriptionStore } from './subscription-store';

/**
 * A change made through another instance reaches the leader's cache at most this late. Changes
 * made through this instance invalidate it at once, and the outbox insert joins the live table,
 * so a subscription deleted or paused elsewhere never receives an alert after it is gone.
 */
export const SUBSCRIPTIONS_MAX_AGE_MS = 5_000;

/**
 * The active subscriptions to stream rules, cached: the apply transaction asks for them on every
 * batch that touches an opportunity, and must cost nothing when nobody subscribes.
 */
@Injectable()
export class ActiveSubscriptions {
  private list?: Promise<Subscription[]>;
  private readAt = 0;

  constructor(private readonly store: SubscriptionStore) {}

  streamRules(): Promise<Subscription[]> {
    if (!this.list || performance.now() - this.readAt > SUBSCRIPTIONS_MAX_AGE_MS) {
      this.readAt = performance.now();
      this.list = this.store.active(STREAM_RULES);
      this.list.catch(() => (this.list = undefined)); // a failed read is retried next time
    }
    return this.list;
  }

  /** A subscription changed here: the next batch reads them again. */
  invalidate(): void {
    this.list = undefined;
  }
}
