import type { VisibleMirror } from '../../access/visible-mirror';
import { dealsSql, type DealRow } from '../history/deal-rows';
import { ORG_WIDE } from './org-wide';

/** Where the next incremental read starts, and when this one did (the database's clock, epoch ms). */
export interface ReadMark {
  at: string;
  now: number;
}

/**
 * The next re-read starts from just before this read: writers stamp last_synced_at with their
 * transaction's start, and one still open now commits later with an earlier stamp. Two minutes
 * covers any sync transaction; the hourly full re-read covers the rest.
 */
const MARK_SQL = `SELECT (now() - interval '2 minutes')::text AS at, (extract(epoch FROM now()) * 1000)::float8 AS now`;

/** Deals written, or with history written, since $1 (last_synced_at is indexed on both). */
const CHANGED_SINCE = `o.salesforce_id IN (
    SELECT salesforce_id FROM visible_opportunity WHERE last_synced_at > $1::timestamptz
    UNION SELECT opportunity_id FROM visible_opportunity_history WHERE last_synced_at > $1::timestamptz)`;

export async function readMark(mirror: VisibleMirror): Promise<ReadMark> {
  const [mark] = await mirror.query<ReadMark>(ORG_WIDE, MARK_SQL);
  return mark;
}

/** Every open deal in the org, with its history. */
export function readOpenDeals(mirror: VisibleMirror): Promise<DealRow[]> {
  return mirror.query<DealRow>(ORG_WIDE, dealsSql('o.is_closed IS NOT TRUE'));
}

/** Every deal (open or closed) written since the mark. */
export function readChangedDeals(mirror: VisibleMirror, since: ReadMark): Promise<DealRow[]> {
  return mirror.query<DealRow>(ORG_WIDE, dealsSql(CHANGED_SINCE), [since.at]);
}
