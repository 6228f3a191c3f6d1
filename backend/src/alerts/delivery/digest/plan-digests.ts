// Opens today's digest for each user whose digest hour has come (in their time zone), listing the
// alerts held for it that arrived before that hour; later ones wait for tomorrow's. One digest per
// user and local day (UNIQUE), so two workers, or a restart, never open a second.
import type { Queryable } from '../delivery-database';
import { localTime, zonedInstant } from '../zoned-time';

interface WaitingRow {
  user_id: string;
  time_zone: string;
  digest_hour: number;
  id: string;
  created_at: Date;
}

const WAITING = `
  SELECT p.user_id, p.time_zone, p.digest_hour, o.id, o.created_at
  FROM alert_preference p
  JOIN alert_outbox o ON o.user_id = p.user_id AND o.status = 'digested' AND o.delivered_at IS NULL
  WHERE p.digest
    AND NOT EXISTS (SELECT 1 FROM alert_digest d WHERE d.status = 'pending' AND o.id = ANY (d.outbox_ids))
  ORDER BY p.user_id, o.id`;

/** Returns how many digests it opened. */
export async function planDigests(db: Queryable, now: Date): Promise<number> {
  const byUser = new Map<string, WaitingRow[]>();
  for (const row of await db.query<WaitingRow>(WAITING)) {
    const rows = byUser.get(row.user_id) ?? [];
    rows.push(row);
    byUser.set(row.user_id, rows);
  }
  let opened = 0;
  for (const [userId, rows] of byUser) {
    const { time_zone: timeZone, digest_hour: hour } = rows[0];
    const local = localTime(now, timeZone);
    if (local.minutes < hour * 60) continue;
    const cutoff = zonedInstant(local.date, hour * 60, timeZone);
    const ids = rows.filter((r) => r.created_at < cutoff).map((r) => r.id);
    if (ids.length === 0) continue;
    const inserted = await db.query(
      `INSERT INTO alert_digest (user_id, local_date, outbox_ids, deliver_after, created_at)
       VALUES ($1, $2, $3::bigint[], $4, $4) ON CONFLICT (user_id, local_date) DO NOTHING RETURNING id`,
      [userId, local.date, ids, now],
    );
    opened += inserted.length;
  }
  return opened;
}
