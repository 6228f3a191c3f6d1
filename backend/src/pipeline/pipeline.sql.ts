// The pipeline queries. Each reads `visible_opportunity` (the viewer's deals), is filtered by the
// caller's `where` (segment, period, open), and groups in PostgreSQL: a handful of rows come back
// whatever the mirror's size, and names are joined after grouping, once per group.
import { weightedAmount } from './deal-predicates';

/**
 * Stages come from the org's OpportunityStage (order, open or closed), so empty stages still show;
 * a stage used by deals but missing there (renamed, deactivated) is listed after them.
 */
export const byStageSql = (where: string, includeClosed: string) => `
  WITH totals AS (
    SELECT o.stage_name, bool_or(o.is_closed) AS is_closed, bool_or(o.is_won) AS is_won,
           SUM(o.amount) AS amount, COUNT(*) AS count
    FROM visible_opportunity o WHERE ${where} GROUP BY o.stage_name)
  SELECT COALESCE(s.api_name, t.stage_name) AS "stageName", s.sort_order AS "sortOrder",
         COALESCE(s.is_closed, t.is_closed, false) AS "isClosed", COALESCE(s.is_won, t.is_won, false) AS "isWon",
         COALESCE(t.amount, 0)::text AS amount, COALESCE(t.count, 0)::int AS count
  FROM (SELECT * FROM opportunity_stage WHERE is_active) s
  FULL JOIN totals t ON t.stage_name = s.api_name
  WHERE ${includeClosed} OR NOT COALESCE(s.is_closed, t.is_closed, false)
  ORDER BY s.sort_order NULLS LAST, 1`;

export const byOwnerSql = (where: string) => `
  WITH totals AS (
    SELECT o.owner_id, SUM(o.amount) AS amount, COUNT(*) AS count, SUM(${weightedAmount()}) AS weighted
    FROM visible_opportunity o WHERE ${where} GROUP BY o.owner_id)
  SELECT t.owner_id AS "ownerId", u.name AS "ownerName", COALESCE(t.amount, 0)::text AS amount,
         t.count::int AS count, COALESCE(t.weighted, 0)::text AS weighted
  FROM totals t LEFT JOIN visible_user u ON u.salesforce_id = t.owner_id
  ORDER BY COALESCE(t.amount, 0) DESC, u.name, t.owner_id`;

/** Months from the period's first to its last, each present even without deals. */
export const byCloseMonthSql = (where: string, from: string, to: string) => `
  WITH totals AS (
    SELECT date_trunc('month', o.close_date)::date AS month, SUM(o.amount) AS amount, COUNT(*) AS count,
           SUM(${weightedAmount()}) AS weighted
    FROM visible_opportunity o WHERE ${where} GROUP BY 1),
  months AS (
    SELECT generate_series(date_trunc('month', ${from}::date), date_trunc('month', ${to}::date), interval '1 month')::date
      AS month)
  SELECT to_char(m.month, 'YYYY-MM') AS month, COALESCE(t.amount, 0)::text AS amount,
         COALESCE(t.count, 0)::int AS count, COALESCE(t.weighted, 0)::text AS weighted
  FROM months m LEFT JOIN totals t ON t.month = m.month
  ORDER BY m.month`;

export const byForecastCategorySql = (where: string) => `
  SELECT o.forecast_category_name AS "forecastCategory", COALESCE(SUM(o.amount), 0)::text AS amount,
         COUNT(*)::int AS count, COALESCE(SUM(${weightedAmount()}), 0)::text AS weighted
  FROM visible_opportunity o WHERE ${where}
  GROUP BY o.forecast_category_name`;
