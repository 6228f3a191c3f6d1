import type { AlertParams, RuleKind, Scope } from '../rule-kinds';

/** One person's subscription to one rule, as stored. */
export interface Subscription {
  id: number;
  /** The subscriber (Salesforce User Id), who receives the alerts. */
  userId: string;
  ruleKind: RuleKind;
  scope: Scope;
  /** As given; the rule's defaults fill in the rest (resolveParams). */
  params: AlertParams;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface SubscriptionRow {
  id: string;
  user_id: string;
  rule_kind: RuleKind;
  scope: Scope;
  params: AlertParams;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

export const SUBSCRIPTION_COLUMNS = 'id, user_id, rule_kind, scope, params, active, created_at, updated_at';

export const subscriptionOf = (row: SubscriptionRow): Subscription => ({
  id: Number(row.id),
  userId: row.user_id,
  ruleKind: row.rule_kind,
  scope: row.scope,
  params: row.params ?? {},
  active: row.active,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});
