// Finds the ids the org and the mirror disagree on (missed hard deletes, rows never received)
// without listing every id: the mirror's ids, in order, are cut into ranges of RANGE_ROWS; each
// range's live count is compared with the org's (one COUNT() each), and only ranges that differ
// are listed on both sides.
//
// The mirror orders ids byte-wise (COLLATE "C"), as the emulator compares them; should an org
// order ids otherwise, ranges merely differ more often. Nothing is written on a range comparison
// alone: every suspect is re-read by id before it is repaired (see repair.ts).
import type { Connection } from 'jsforce';
import type { EntityManager } from 'typeorm';
import type { EffectiveObject } from '../../mirror/mirror-config';
import { salesforceDateTime, soqlCount, soqlId, soqlPages } from '../poll/soql';

export const RANGE_ROWS = 10_000;

export interface IdRange {
  /** Inclusive; null: from the first id. */
  from: string | null;
  /** Exclusive; null: to the last id. */
  to: string | null;
  mirrorLive: number;
}

export interface RangeComparison {
  compared: number;
  differing: number;
  /** Ids to re-read from the org: live on one side only. */
  suspects: string[];
}

/** The mirror's ranges with their live counts, in one pass over the table. */
export async function mirrorRanges(
  db: EntityManager,
  object: EffectiveObject,
  rangeRows = RANGE_ROWS,
): Promise<IdRange[]> {
  const buckets = (await db.query(
    `SELECT min(salesforce_id COLLATE "C") AS first, count(*) FILTER (WHERE NOT is_deleted)::int AS live
     FROM (SELECT salesforce_id, is_deleted, row_number() OVER (ORDER BY salesforce_id COLLATE "C") - 1 AS n
           FROM ${object.table}) ordered
     GROUP BY n / $1 ORDER BY n / $1`,
    [rangeRows],
  )) as { first: string; live: number }[];
  if (buckets.length === 0) return [{ from: null, to: null, mirrorLive: 0 }];
  return buckets.map((b, i) => ({
    from: i === 0 ? null : b.first,
    to: i + 1 < buckets.length ? buckets[i + 1].first : null,
    mirrorLive: b.live,
  }));
}

function soqlRange(r: IdRange): string[] {
  return [...(r.from ? [`Id >= ${soqlId(r.from)}`] : []), ...(r.to ? [`Id < ${soqlId(r.to)}`] : [])];
}

function sqlRange(r: IdRange): { where: string; params: string[] } {
  const where: string[] = [];
  const params: string[] = [];
  if (r.from) where.push(`salesforce_id COLLATE "C" >= $${params.push(r.from)}`);
  if (r.to) where.push(`salesforce_id COLLATE "C" < $${params.push(r.to)}`);
  return { where: where.map((w) => ` AND ${w}`).join(''), params };
}

/**
 * Compares live rows range by range. Org rows stamped at or after `through` are left for the next
 * run: they may be changes still on their way through the stream.
 */
export async function compareRanges(
  conn: Connection,
  db: EntityManager,
  object: EffectiveObject,
  through: Date,
  rangeRows = RANGE_ROWS,
): Promise<RangeComparison> {
  const result: RangeComparison = { compared: 0, differing: 0, suspects: [] };
  for (const range of await mirrorRanges(db, object, rangeRows)) {
    result.compared++;
    const conditions = soqlRange(range);
    const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
    const orgLive = await soqlCount(conn, `SELECT COUNT() FROM ${object.sobject}${where}`);
    if (orgLive === range.mirrorLive) continue;
    result.differing++;

    const org = new Map<string, boolean>();
    const soql = `SELECT Id, SystemModstamp FROM ${object.sobject}${where}`;
    for await (const records of soqlPages<{ Id: string; SystemModstamp: string }>(conn, soql, false))
      for (const r of records) org.set(r.Id, salesforceDateTime(r.SystemModstamp) < through);
    const { where: sqlWhere, params } = sqlRange(range);
    const mirror = new Set(
      (
        (await db.query(`SELECT salesforce_id FROM ${object.table} WHERE NOT is_deleted${sqlWhere}`, params)) as {
          salesforce_id: string;
        }[]
      ).map((r) => r.salesforce_id),
    );
    for (const id of mirror) if (!org.has(id)) result.suspects.push(id);
    const orgOnly = [...org].filter(([id, settled]) => settled && !mirror.has(id)).map(([id]) => id);
    if (orgOnly.length > 0) {
      // Absent from this range of the mirror, but perhaps live elsewhere if the org orders ids otherwise.
      const liveElsewhere = new Set(
        (
          (await db.query(
            `SELECT salesforce_id FROM ${object.table} WHERE salesforce_id = ANY($1) AND NOT is_deleted`,
            [orgOnly],
          )) as { salesforce_id: string }[]
        ).map((r) => r.salesforce_id),
      );
      result.suspects.push(...orgOnly.filter((id) => !liveElsewhere.has(id)));
    }
  }
  return result;
}

/** For the record: the newest SystemModstamp in the org (deleted rows included) as a Date. */
export async function orgWatermark(conn: Connection, object: EffectiveObject): Promise<Date | null> {
  const result = await conn.query<{ m: string | null }>(`SELECT MAX(SystemModstamp) m FROM ${object.sobject}`, {
    scanAll: object.hasIsDeleted,
  });
  const value = result.records[0]?.m;
  return value ? salesforceDateTime(value) : null;
}
