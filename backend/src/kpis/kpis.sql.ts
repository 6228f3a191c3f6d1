// One pass over the deals closing in the period gives every deal KPI; quotas come apart, per owner.
import { isLost, isOpen, isWon, weightedAmount } from '../pipeline/deal-predicates';

export interface KpiRow {
  openCount: number;
  openAmount: string;
  weighted: string;
  wonCount: number;
  wonAmount: string;
  lostCount: number;
  lostAmount: string;
  cycleDays: string | null;
}

export const kpiSql = (where: string) => `
  SELECT COUNT(*) FILTER (WHERE ${isOpen()})::int AS "openCount",
         COALESCE(SUM(o.amount) FILTER (WHERE ${isOpen()}), 0)::text AS "openAmount",
         COALESCE(SUM(${weightedAmount()}) FILTER (WHERE ${isOpen()}), 0)::text AS weighted,
         COUNT(*) FILTER (WHERE ${isWon()})::int AS "wonCount",
         COALESCE(SUM(o.amount) FILTER (WHERE ${isWon()}), 0)::text AS "wonAmount",
         COUNT(*) FILTER (WHERE ${isLost()})::int AS "lostCount",
         COALESCE(SUM(o.amount) FILTER (WHERE ${isLost()}), 0)::text AS "lostAmount",
         AVG(o.close_date - (o.created_date AT TIME ZONE 'UTC')::date) FILTER (WHERE ${isWon()})::text AS "cycleDays"
  FROM visible_opportunity o WHERE ${where}`;

/** Quota per owner for quotas starting in the period; `owners` narrows to the filters' owners. */
export const quotaSql = (from: string, to: string, owners?: string) => `
  SELECT q.quota_owner_id AS "ownerId", SUM(q.quota_amount)::text AS amount
  FROM visible_quota q
  WHERE q.start_date BETWEEN ${from}::date AND ${to}::date AND q.quota_amount IS NOT NULL
    ${owners ? `AND q.quota_owner_id = ANY(${owners}::varchar[])` : ''}
  GROUP BY q.quota_owner_id`;
