import { isOpen } from '../pipeline/deal-predicates';
import { taskDay } from './activity-segment';

/**
 * Open deals closing in the period with their last touch: the latest completed Task, Event or
 * LastActivityDate on them up to today (booked meetings and to-dos are not touches). A deal never
 * touched has been quiet since it was created. `cold` keeps those quiet for at least `days` days.
 */
export function coldDealsSql(p: { segment: string; from: string; to: string; today: string; days: string }): string {
  return `
    WITH touched AS (
      SELECT o.salesforce_id, o.name, o.account_id, o.owner_id, o.stage_name, o.amount, o.close_date,
             o.last_activity_date, o.created_date,
             GREATEST(
               (SELECT max(${taskDay('t')}) FROM visible_task t
                WHERE t.what_id = o.salesforce_id AND t.is_closed AND ${taskDay('t')} <= ${p.today}),
               (SELECT max(e.activity_date) FROM visible_event e
                WHERE e.what_id = o.salesforce_id AND e.activity_date <= ${p.today}),
               CASE WHEN o.last_activity_date <= ${p.today} THEN o.last_activity_date END) AS last_touch
      FROM visible_opportunity o
      WHERE ${isOpen('o')} AND o.close_date BETWEEN ${p.from} AND ${p.to} AND ${p.segment}),
    cold AS (
      SELECT *, COALESCE(last_touch, (created_date AT TIME ZONE 'UTC')::date) AS quiet_since FROM touched
      WHERE COALESCE(last_touch, (created_date AT TIME ZONE 'UTC')::date) <= ${p.today} - ${p.days}::int)`;
}

export const COLD_TOTALS = `SELECT count(*)::int AS count, COALESCE(sum(amount), 0)::text AS amount FROM cold`;

export const coldPage = (today: string, limit: string, offset: string) => `
  SELECT c.salesforce_id AS "opportunityId", c.name, acc.name AS "accountName", c.owner_id AS "ownerId",
         u.name AS "ownerName", c.stage_name AS "stageName", c.amount::text AS amount,
         to_char(c.close_date, 'YYYY-MM-DD') AS "closeDate",
         to_char(c.last_touch, 'YYYY-MM-DD') AS "lastTouchDate",
         to_char(c.last_activity_date, 'YYYY-MM-DD') AS "lastActivityDate",
         (${today} - c.quiet_since)::int AS "daysWithoutActivity"
  FROM cold c
  LEFT JOIN account acc ON acc.salesforce_id = c.account_id
  LEFT JOIN visible_user u ON u.salesforce_id = c.owner_id
  ORDER BY c.quiet_since, c.amount DESC NULLS LAST, c.salesforce_id COLLATE "C"
  LIMIT ${limit} OFFSET ${offset}`;
