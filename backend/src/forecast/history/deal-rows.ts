import { dayOf, instantDay } from './days';
import type { DealRecord, HistoryPoint } from './deal-timeline';

/**
 * Opportunities with their history, for forecasting: one row per deal, its OpportunityHistory as a
 * JSON array oldest first ([created ms, stage, amount, close date, probability]), so a deal and
 * its history arrive together and a million rows of history are not a million result rows.
 * `where` filters the deals (on `o`); the views keep the caller's viewer in scope.
 */
export function dealsSql(where: string): string {
  return `
    SELECT o.salesforce_id AS id, o.name, o.owner_id AS "ownerId",
           (extract(epoch FROM o.created_date) * 1000)::float8 AS created,
           (extract(epoch FROM o.system_modstamp) * 1000)::float8 AS modified,
           (extract(epoch FROM o.last_synced_at) * 1000)::float8 AS synced,
           o.stage_name AS "stageName", o.amount::float8 AS amount, o.close_date::text AS "closeDate",
           o.is_closed IS TRUE AS "isClosed", o.is_won IS TRUE AS "isWon", o.probability::float8 AS probability,
           o.type, o.lead_source AS "leadSource", h.points AS history
    FROM visible_opportunity o
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_array((extract(epoch FROM h.created_date) * 1000)::float8, h.stage_name,
                      h.amount::float8, h.close_date, h.probability::float8) ORDER BY h.created_date, h.salesforce_id) AS points
      FROM visible_opportunity_history h WHERE h.opportunity_id = o.salesforce_id) h ON true
    WHERE ${where}`;
}

export interface DealRow {
  id: string;
  name: string | null;
  ownerId: string | null;
  created: number | null;
  modified: number;
  /** When the mirror last wrote the deal (epoch ms). */
  synced: number;
  stageName: string | null;
  amount: number | null;
  closeDate: string | null;
  isClosed: boolean;
  isWon: boolean;
  probability: number | null;
  type: string | null;
  leadSource: string | null;
  history: [number | null, string | null, number | null, string | null, number | null][] | null;
}

/** Whether a re-read deal is the one already held: same fields, same history. */
export function sameDeal(a: DealRecord, b: DealRecord): boolean {
  return (
    a.modifiedAt === b.modifiedAt &&
    a.stageName === b.stageName &&
    a.amount === b.amount &&
    a.closeDay === b.closeDay &&
    a.probability === b.probability &&
    a.isClosed === b.isClosed &&
    a.ownerId === b.ownerId &&
    a.type === b.type &&
    a.leadSource === b.leadSource &&
    a.history.length === b.history.length &&
    a.history.at(-1)?.at === b.history.at(-1)?.at
  );
}

export function dealOf(row: DealRow): DealRecord {
  const modifiedAt = instantDay(row.modified);
  const history: HistoryPoint[] = (row.history ?? [])
    .filter((p) => p[0] !== null)
    .map(([at, stageName, amount, closeDate, probability]) => ({
      at: instantDay(at!),
      stageName,
      amount,
      closeDay: closeDate ? dayOf(closeDate) : null,
      probability,
    }));
  return {
    id: row.id,
    name: row.name ?? undefined,
    ownerId: row.ownerId ?? '',
    // A deal without CreatedDate is dated by its first history row, else by its last change.
    createdAt: row.created !== null ? instantDay(row.created) : (history[0]?.at ?? modifiedAt),
    modifiedAt,
    stageName: row.stageName ?? '',
    amount: row.amount,
    closeDay: row.closeDate ? dayOf(row.closeDate) : null,
    isClosed: row.isClosed,
    isWon: row.isWon,
    probability: row.probability,
    type: row.type,
    leadSource: row.leadSource,
    history,
  };
}
