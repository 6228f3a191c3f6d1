import { opportunitySegment, type ResolvedFilters } from '../analytics/filters/analytics-filters.service';
import type { SqlParams } from '../analytics/filters/sql-params';

/**
 * The day a completed Task counts on: its ActivityDate, else the day it was completed or created
 * (UTC). Written exactly as the expression index IDX_task_done_day, so the planner can use it.
 */
export const taskDay = (t: string) =>
  `COALESCE(${t}.activity_date, (COALESCE(${t}.completed_date_time, ${t}.created_date) AT TIME ZONE 'UTC')::date)`;

/**
 * The filters as a predicate on an activity aliased `a`: owner filters name the activity's owner;
 * a segment filter (type, product, industry, size) keeps only activities on matching opportunities.
 */
export function activitySegment(filters: ResolvedFilters, params: SqlParams, a: string): string {
  const clauses: string[] = [];
  if (filters.ownerIds) clauses.push(`${a}.owner_id = ANY(${params.add(filters.ownerIds)}::varchar[])`);
  if (filters.type || filters.productId || filters.industry || filters.accountSize) {
    const deal = opportunitySegment({ ...filters, ownerIds: null }, params, 'o');
    clauses.push(`EXISTS (SELECT 1 FROM visible_opportunity o WHERE o.salesforce_id = ${a}.what_id AND ${deal})`);
  }
  return clauses.length === 0 ? 'TRUE' : clauses.join(' AND ');
}
