// The alert rules people subscribe to, the parameters each takes (with defaults), and which are
// evaluated from the change stream and which on a schedule.

export const RULE_KINDS = [
  'deal_won',
  'deal_lost',
  'stage_moved_backwards',
  'close_date_pushed_out',
  'no_activity',
  'forecast_risk',
  'sync_unhealthy',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** Evaluated inside the apply transaction, from the row before the change and the change. */
export const STREAM_RULES = ['deal_won', 'deal_lost', 'stage_moved_backwards', 'close_date_pushed_out'] as const;
export type StreamRuleKind = (typeof STREAM_RULES)[number];

/** Evaluated on a schedule by the sync leader. */
export const SCHEDULED_RULES = ['no_activity', 'forecast_risk', 'sync_unhealthy'] as const;
export type ScheduledRuleKind = (typeof SCHEDULED_RULES)[number];

export const SCOPES = ['self', 'team'] as const;
/** self: the subscriber's own deals; team: every owner the subscriber sees through the role hierarchy. */
export type Scope = (typeof SCOPES)[number];

export interface AlertParams {
  /** deal_won, deal_lost: only deals of at least this Amount. */
  minAmount?: number;
  /** no_activity: days without a Task or Event. */
  days?: number;
  /** forecast_risk: open pipeline over what is left of the quota below this ratio. */
  minCoverage?: number;
  /** sync_unhealthy: changes applied later than this after Salesforce committed them. */
  maxLagSeconds?: number;
}
export type ParamName = keyof AlertParams;

/** The parameters each rule takes and their defaults; any other parameter is refused. */
export const RULE_PARAMS: Record<RuleKind, AlertParams> = {
  deal_won: { minAmount: 0 },
  deal_lost: { minAmount: 0 },
  stage_moved_backwards: {},
  close_date_pushed_out: {},
  no_activity: { days: 14 },
  forecast_risk: { minCoverage: 3 },
  sync_unhealthy: { maxLagSeconds: 300 },
};

/** Rules about the org's health rather than deals: for admins (view all data) only, scope self. */
export const ADMIN_RULES: readonly RuleKind[] = ['sync_unhealthy'];

export const isStreamRule = (kind: RuleKind): kind is StreamRuleKind =>
  (STREAM_RULES as readonly string[]).includes(kind);

/** The given parameters over the rule's defaults, limited to those the rule takes. */
export function resolveParams(kind: RuleKind, given: AlertParams | undefined): AlertParams {
  const defaults = RULE_PARAMS[kind];
  const resolved: AlertParams = { ...defaults };
  for (const name of Object.keys(defaults) as ParamName[])
    if (given?.[name] !== undefined && given[name] !== null) resolved[name] = given[name];
  return resolved;
}
