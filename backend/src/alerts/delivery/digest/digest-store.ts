// Due digests leased to one worker (SKIP LOCKED, as the outbox), and what a send attempt achieved:
// sent (its alerts delivered), a retry after backoff, or failed with its alerts.
import { LEASE_MS, MAX_ATTEMPTS, retryAt } from '../backoff';
import type { Transactional } from '../delivery-database';
import type { AlertContent } from '../channels/alert-email';

export interface DueDigest {
  id: number;
  userId: string;
  localDate: string;
  attempts: number;
  alerts: AlertContent[];
}

export async function claimDigests(db: Transactional, now: Date, limit: number): Promise<DueDigest[]> {
  const digests = await db.query<{
    id: string;
    user_id: string;
    local_date: string;
    outbox_ids: string[];
    attempts: number;
  }>(
    `UPDATE alert_digest SET attempts = attempts + 1, deliver_after = $2
     WHERE id IN (SELECT id FROM alert_digest WHERE status = 'pending' AND deliver_after <= $1
                  ORDER BY deliver_after, id LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING id, user_id, to_char(local_date, 'YYYY-MM-DD') AS local_date, outbox_ids, attempts`,
    [now, new Date(now.getTime() + LEASE_MS), limit],
  );
  if (digests.length === 0) return [];
  const alerts = await db.query<{ id: string; title: string; body: string; link: string | null }>(
    `SELECT id, title, body, link FROM alert_outbox WHERE id = ANY($1::bigint[]) ORDER BY id`,
    [digests.flatMap((d) => d.outbox_ids)],
  );
  return digests.map((d) => ({
    id: Number(d.id),
    userId: d.user_id,
    localDate: d.local_date,
    attempts: d.attempts,
    alerts: alerts
      .filter((a) => d.outbox_ids.includes(a.id))
      .map((a) => ({ id: Number(a.id), title: a.title, body: a.body, link: a.link })),
  }));
}

export type DigestStatus = 'delivered' | 'retrying' | 'failed';

/** error null: sent. `permanent`: no retry can help (no address, no mail server). */
export async function recordDigest(
  db: Transactional,
  now: Date,
  digest: DueDigest,
  error: string | null,
  permanent = false,
): Promise<DigestStatus> {
  const ids = digest.alerts.map((a) => a.id);
  const status: DigestStatus =
    error === null ? 'delivered' : permanent || digest.attempts >= MAX_ATTEMPTS ? 'failed' : 'retrying';
  const lastError = error?.slice(0, 2000) ?? null;
  await db.transaction(async (tx) => {
    if (status === 'delivered') {
      await tx.query(
        `UPDATE alert_digest SET status = 'delivered', delivered_at = $2, last_error = NULL WHERE id = $1`,
        [digest.id, now],
      );
      await tx.query(`UPDATE alert_outbox SET delivered_at = $2 WHERE id = ANY($1::bigint[])`, [ids, now]);
      await tx.query(
        `INSERT INTO alert_delivery (outbox_id, channel, delivered_at)
         SELECT unnest($1::bigint[]), 'email', $2 ON CONFLICT DO NOTHING`,
        [ids, now],
      );
    } else if (status === 'failed') {
      await tx.query(`UPDATE alert_digest SET status = 'failed', last_error = $2 WHERE id = $1`, [
        digest.id,
        lastError,
      ]);
      await tx.query(`UPDATE alert_outbox SET status = 'failed', last_error = $2 WHERE id = ANY($1::bigint[])`, [
        ids,
        `digest: ${lastError}`,
      ]);
    } else {
      await tx.query(`UPDATE alert_digest SET deliver_after = $2, last_error = $3 WHERE id = $1`, [
        digest.id,
        retryAt(now, digest.attempts),
        lastError,
      ]);
    }
  });
  return status;
}
