// What every time-based rule has in hand when it runs, and the viewer it reads the mirror as.
import type { RoleHierarchy } from '../../access/role-hierarchy';
import type { Viewer } from '../../access/viewer';
import type { OutboxAlert } from '../outbox/outbox-writer';
import type { Subscription } from '../subscriptions/subscription';

export interface RuleRun {
  subscription: Subscription;
  /** The owners the subscription covers (self, or everyone visible through the role hierarchy). */
  owners: ReadonlySet<string>;
  hierarchy: RoleHierarchy;
  now: Date;
  /** YYYY-MM-DD (UTC): "today" for day counts and the once-a-day dedup keys. */
  today: string;
  /** The org's instance URL, for links (null when not connected). */
  instanceUrl: string | null;
  /** Work shared by every subscription of one run (computed by the first that asks). */
  once<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export interface ScheduledRule {
  evaluate(run: RuleRun): Promise<OutboxAlert[]>;
}

/** The subscriber as a viewer limited to the subscription's scope: the rule reads through VisibleMirror as them. */
export function scopeViewer(run: RuleRun): Viewer {
  const user = run.hierarchy.user(run.subscription.userId);
  return {
    userId: run.subscription.userId,
    name: user?.name ?? run.subscription.userId,
    roleId: user?.roleId ?? null,
    viewAll: false,
    ownerIds: [...run.owners],
  };
}

/**
 * Reads the whole mirror: only for a query that limits itself to `run.owners` (a parameter) and
 * reads more than the subscriber may see only to compute, never to show.
 */
export function systemViewer(run: RuleRun): Viewer {
  return { ...scopeViewer(run), viewAll: true, ownerIds: null };
}

/** `date` minus `days`, as YYYY-MM-DD. */
export function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}
