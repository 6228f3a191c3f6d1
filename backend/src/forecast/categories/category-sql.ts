// What the category forecast reads: per owner, period and category, the Amount of the deals
// closing in the period (won ones as Closed, lost ones not at all), and quotas per owner and period.

/** `buckets`: the period starts as a date[] parameter; width_bucket numbers them from 1. */
export const categoryAmountsSql = (p: { from: string; to: string; buckets: string; segment: string }) => `
  SELECT o.owner_id AS "ownerId", width_bucket(o.close_date, ${p.buckets}::date[]) AS period,
         CASE WHEN o.is_won IS TRUE THEN 'Closed'
              ELSE COALESCE(o.forecast_category_name, s.forecast_category_name, 'Pipeline') END AS category,
         COALESCE(sum(o.amount), 0)::float8 AS amount
  FROM visible_opportunity o
  LEFT JOIN opportunity_stage s ON s.api_name = o.stage_name
  WHERE o.close_date BETWEEN ${p.from}::date AND ${p.to}::date
    AND (o.is_closed IS NOT TRUE OR o.is_won IS TRUE) AND o.owner_id IS NOT NULL AND ${p.segment}
  GROUP BY 1, 2, 3`;

export const quotasSql = (p: { from: string; to: string; buckets: string; owners: string }) => `
  SELECT q.quota_owner_id AS "ownerId", width_bucket(q.start_date, ${p.buckets}::date[]) AS period,
         sum(q.quota_amount)::float8 AS amount
  FROM visible_quota q
  WHERE q.start_date BETWEEN ${p.from}::date AND ${p.to}::date AND q.quota_amount IS NOT NULL AND ${p.owners}
  GROUP BY 1, 2`;
