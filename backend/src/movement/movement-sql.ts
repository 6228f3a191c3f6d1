/**
 * Each deal as it stood at two instants (its latest OpportunityHistory row before each; ties by Id
 * in byte order, which grows with time), reduced to the features movement-flows.ts classifies and
 * grouped, so a million deals come back as a few dozen rows. Stage order and closedness come from
 * the org's OpportunityStage; a stage missing there counts as open, with no place in the order.
 * Each snapshot is an index probe per deal, and deals that cannot move are left out first.
 */
export function snapshotSql(p: {
  segment: string;
  startAt: string;
  endAt: string;
  periodFrom: string;
  periodTo: string;
}): string {
  const latestBefore = (at: string) => `
    SELECT h.salesforce_id, h.stage_name, h.amount, h.close_date FROM visible_opportunity_history h
    WHERE h.opportunity_id = d.id AND h.created_date < ${at}
    ORDER BY h.created_date DESC, h.salesforce_id COLLATE "C" DESC LIMIT 1`;
  const state = (s: string) =>
    `CASE WHEN COALESCE(${s}.is_won, false) THEN 'won' WHEN COALESCE(${s}.is_closed, false) THEN 'lost' ELSE 'open' END`;
  const inPeriod = (close: string) => `COALESCE(${close} BETWEEN ${p.periodFrom} AND ${p.periodTo}, false)`;
  return `
    WITH deals AS (
      SELECT o.salesforce_id AS id FROM visible_opportunity o
      WHERE ${p.segment} AND o.created_date < ${p.endAt}
        -- Closed with no stage change since the first snapshot: closed at both, in no flow.
        AND NOT (COALESCE(o.is_closed, false) AND o.last_stage_change_date < ${p.startAt})),
    snapshots AS (
      SELECT f.salesforce_id IS NOT NULL AS existed, f.stage_name AS from_stage, f.amount AS from_amount,
             f.close_date AS from_close, t.stage_name AS to_stage, t.amount AS to_amount, t.close_date AS to_close
      FROM deals d
      LEFT JOIN LATERAL (${latestBefore(p.startAt)}) f ON true
      JOIN LATERAL (${latestBefore(p.endAt)}) t ON true),
    states AS (
      SELECT CASE WHEN s.existed THEN ${state('sf')} ELSE 'absent' END AS "fromState",
             ${inPeriod('s.from_close')} AS "fromInPeriod",
             ${state('st')} AS "toState",
             ${inPeriod('s.to_close')} AS "toInPeriod",
             COALESCE(sign(st.sort_order - sf.sort_order), 0)::int AS "stageMove",
             COALESCE(s.from_amount, 0) AS amount_from, COALESCE(s.to_amount, 0) AS amount_to
      FROM snapshots s
      LEFT JOIN opportunity_stage sf ON sf.api_name = s.from_stage
      LEFT JOIN opportunity_stage st ON st.api_name = s.to_stage)
    SELECT "fromState", "fromInPeriod", "toState", "toInPeriod", "stageMove",
           count(*)::int AS count, sum(amount_from)::text AS "amountFrom", sum(amount_to)::text AS "amountTo"
    FROM states
    GROUP BY 1, 2, 3, 4, 5`;
}
