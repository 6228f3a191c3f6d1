// Who hears about a record: the subscriptions whose scope covers its owner, through the role
// hierarchy as it stands when the rule runs (so nobody is told about a record they cannot see).
import type { RoleHierarchy } from '../access/role-hierarchy';
import { resolveParams, type RuleKind } from './rule-kinds';
import type { Subscription } from './subscriptions/subscription';

export class Audience {
  private readonly covered = new Map<number, ReadonlySet<string> | null>();

  constructor(private readonly hierarchy: RoleHierarchy) {}

  /** The owners whose records a subscription covers; null when its subscriber is not an active user. */
  owners(subscription: Subscription): ReadonlySet<string> | null {
    let owners = this.covered.get(subscription.id);
    if (owners === undefined) {
      const user = this.hierarchy.user(subscription.userId);
      owners = !user?.isActive
        ? null
        : new Set(subscription.scope === 'team' ? this.hierarchy.visibleOwners(user.id) : [user.id]);
      this.covered.set(subscription.id, owners);
    }
    return owners;
  }

  /**
   * The subscriptions to `kind` told about a deal of `ownerId`: one per subscriber (their first,
   * so someone subscribed for themselves and for their team gets one alert, not two).
   */
  recipients(subscriptions: readonly Subscription[], kind: RuleKind, ownerId: string | null, amount: number | null) {
    const chosen = new Map<string, Subscription>();
    if (ownerId === null) return [];
    for (const s of subscriptions) {
      if (s.ruleKind !== kind || chosen.has(s.userId)) continue;
      const { minAmount } = resolveParams(kind, s.params);
      if (minAmount !== undefined && minAmount > 0 && (amount ?? 0) < minAmount) continue;
      if (this.owners(s)?.has(ownerId)) chosen.set(s.userId, s);
    }
    return [...chosen.values()];
  }

  ownerName(ownerId: string | null): string | null {
    return ownerId === null ? null : (this.hierarchy.user(ownerId)?.name ?? null);
  }
}
