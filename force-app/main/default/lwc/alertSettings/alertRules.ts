// What the panel knows of each rule: its name in words and the parameters it takes, as the backend
// defines them (backend/src/alerts/rule-kinds.ts, alert-params.dto.ts).
import { formatLabel, formatNumber } from 'c/pulseFormat';
import type { AlertParams, ParamName, RuleKind, Scope } from './alertsApi';
import { LABELS } from './labels';

export interface ParamField {
  name: ParamName;
  label: string;
  /** lightning-input's step: whole days and seconds, any amount, tenths of coverage. */
  step: string;
  min: number;
  max?: number;
}

const PARAMS: Record<ParamName, ParamField> = {
  minAmount: { name: 'minAmount', label: LABELS.paramMinAmount, step: 'any', min: 0 },
  days: { name: 'days', label: LABELS.paramDays, step: '1', min: 1, max: 365 },
  minCoverage: { name: 'minCoverage', label: LABELS.paramMinCoverage, step: '0.1', min: 0.1, max: 100 },
  maxLagSeconds: { name: 'maxLagSeconds', label: LABELS.paramMaxLagSeconds, step: '1', min: 1, max: 86400 },
};

interface Rule {
  label: string;
  params: ParamName[];
}

export const RULES: Record<RuleKind, Rule> = {
  deal_won: { label: LABELS.ruleDealWon, params: ['minAmount'] },
  deal_lost: { label: LABELS.ruleDealLost, params: ['minAmount'] },
  stage_moved_backwards: { label: LABELS.ruleStageMovedBackwards, params: [] },
  close_date_pushed_out: { label: LABELS.ruleCloseDatePushedOut, params: [] },
  no_activity: { label: LABELS.ruleNoActivity, params: ['days'] },
  forecast_risk: { label: LABELS.ruleForecastRisk, params: ['minCoverage'] },
  sync_unhealthy: { label: LABELS.ruleSyncUnhealthy, params: ['maxLagSeconds'] },
};

export const SCOPE_LABELS: Record<Scope, string> = { self: LABELS.scopeSelf, team: LABELS.scopeTeam };

export const ruleOptions = () =>
  (Object.keys(RULES) as RuleKind[]).map((kind) => ({ label: RULES[kind].label, value: kind }));

export const scopeOptions = () =>
  (Object.keys(SCOPE_LABELS) as Scope[]).map((scope) => ({ label: SCOPE_LABELS[scope], value: scope }));

/** The inputs a rule's form shows. */
export const paramFields = (kind: RuleKind): ParamField[] => RULES[kind].params.map((name) => PARAMS[name]);

/**
 * "Minimum amount: 100,000" for each parameter the rule takes. Amounts without a currency symbol:
 * they are in the backend's currency, which these answers do not name.
 */
export function describeParams(kind: RuleKind, params: AlertParams): string {
  const parts = RULES[kind].params
    .filter((name) => params[name] !== undefined)
    .map((name) => formatLabel(LABELS.paramValue, PARAMS[name].label, formatNumber(params[name]!)));
  return parts.length > 0 ? parts.join(' · ') : LABELS.defaults;
}

/**
 * The form's text inputs as the API's params: numbers where they parse, anything else as typed so
 * the backend's message names the field; empty ones left out for the rule's default.
 */
export function paramsOf(kind: RuleKind, values: Partial<Record<ParamName, string>>): AlertParams {
  const params: Record<string, unknown> = {};
  for (const name of RULES[kind].params) {
    const text = values[name]?.trim();
    if (!text) continue;
    const value = Number(text);
    params[name] = Number.isFinite(value) ? value : text;
  }
  return params as AlertParams;
}
