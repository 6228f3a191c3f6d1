// A page of deals: chosen and ordered on the opportunity alone (its indexes), then named — the
// account and owner joins run for the page's rows only.
import type { DealStatus, Direction, SortKey } from './dto/top-opportunities-query.dto';
import { isLost, isOpen, isWon } from '../pipeline/deal-predicates';

export const STATUS_SQL: Record<DealStatus, string> = {
  open: isOpen(),
  won: isWon(),
  lost: isLost(),
  all: 'TRUE',
};

/** Byte order for names, so the order is the same on every server whatever its locale. */
const SORT_SQL: Record<SortKey, string> = {
  amount: 'o.amount',
  closeDate: 'o.close_date',
  probability: 'o.probability',
  name: 'o.name COLLATE "C"',
  lastActivityDate: 'o.last_activity_date',
};

export const orderBy = (sort: SortKey, direction: Direction) =>
  `${SORT_SQL[sort]} ${direction} NULLS LAST, o.salesforce_id ${direction}`;

export const pageSql = (where: string, order: string, limit: string, offset: string) => `
  WITH page AS (
    SELECT o.salesforce_id, o.name, o.account_id, o.owner_id, o.stage_name, o.amount, o.probability, o.close_date,
           o.forecast_category_name, o.type, o.last_activity_date, o.is_closed, o.is_won
    FROM visible_opportunity o WHERE ${where}
    ORDER BY ${order} LIMIT ${limit} OFFSET ${offset})
  SELECT o.salesforce_id AS id, o.name, o.account_id AS "accountId", a.name AS "accountName",
         o.owner_id AS "ownerId", u.name AS "ownerName", o.stage_name AS "stageName", o.amount::text AS amount,
         o.probability::text AS probability, o.close_date::text AS "closeDate",
         o.forecast_category_name AS "forecastCategory", o.type, o.last_activity_date::text AS "lastActivityDate",
         COALESCE(o.is_closed, false) AS "isClosed", COALESCE(o.is_won, false) AS "isWon"
  FROM page o
  LEFT JOIN account a ON a.salesforce_id = o.account_id
  LEFT JOIN visible_user u ON u.salesforce_id = o.owner_id
  ORDER BY ${order}`;

export const countSql = (where: string) => `SELECT COUNT(*)::int AS total FROM visible_opportunity o WHERE ${where}`;
