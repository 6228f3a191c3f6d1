// Takes the next due rows of the outbox, in one short transaction: rows another worker holds are
// skipped (FOR UPDATE SKIP LOCKED), so no row is ever handed to two workers. Each row is then
// deferred (its user's quiet hours), held for the user's daily digest, or leased to this worker for
// sending: the lease moves deliver_after past the send, so a crashed worker's rows come back later.
import { LEASE_MS } from '../backoff';
import type { Transactional } from '../delivery-database';
import {
  preferencesOf,
  type AlertPreferences,
  type Channel,
  type PreferenceRow,
} from '../preferences/alert-preferences';
import { quietUntil } from '../quiet-hours';

export interface DueAlert {
  id: number;
  userId: string;
  ruleKind: string;
  sobject: string | null;
  recordId: string | null;
  title: string;
  body: string;
  link: string | null;
  /** Attempts including this one. */
  attempts: number;
  preferences: AlertPreferences;
  /** Channels an earlier attempt already reached (never sent again). */
  deliveredChannels: Channel[];
}

export interface Claim {
  /** Leased to this worker: send now. */
  alerts: DueAlert[];
  deferred: number;
  digested: number;
  /** Rows taken in all (a full batch means more may be waiting). */
  taken: number;
}

type DueRow = PreferenceRow & {
  id: string;
  user_id: string;
  rule_kind: string;
  sobject: string | null;
  record_id: string | null;
  title: string;
  body: string;
  link: string | null;
  attempts: number;
  delivered_channels: Channel[];
};

const DUE = `
  SELECT o.id, o.user_id, o.rule_kind, o.sobject, o.record_id, o.title, o.body, o.link, o.attempts,
         p.email, p.channels, p.quiet_start::text, p.quiet_end::text, p.time_zone, p.digest, p.digest_hour,
         ARRAY(SELECT d.channel FROM alert_delivery d WHERE d.outbox_id = o.id) AS delivered_channels
  FROM alert_outbox o
  LEFT JOIN alert_preference p ON p.user_id = o.user_id
  WHERE o.status = 'pending' AND o.deliver_after <= $1
  ORDER BY o.deliver_after, o.id
  LIMIT $2
  FOR UPDATE OF o SKIP LOCKED`;

export async function claimDue(db: Transactional, now: Date, limit: number): Promise<Claim> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<DueRow>(DUE, [now, limit]);
    const deferred: { id: string; until: Date }[] = [];
    const digested: string[] = [];
    const leased: DueRow[] = [];
    for (const row of rows) {
      const preferences = preferencesOf(row);
      const until =
        preferences.quietHours && quietUntil(now, { ...preferences.quietHours, timeZone: preferences.timeZone });
      // The digest goes out at the hour the user chose: quiet hours do not hold it back.
      if (preferences.digest.enabled) digested.push(row.id);
      else if (until) deferred.push({ id: row.id, until });
      else leased.push(row);
    }
    if (deferred.length > 0)
      await tx.query(
        `UPDATE alert_outbox o SET deliver_after = v.until
         FROM unnest($1::bigint[], $2::timestamptz[]) AS v(id, until) WHERE o.id = v.id`,
        [deferred.map((d) => d.id), deferred.map((d) => d.until)],
      );
    if (digested.length > 0)
      await tx.query(`UPDATE alert_outbox SET status = 'digested' WHERE id = ANY($1::bigint[])`, [digested]);
    if (leased.length > 0)
      await tx.query(
        `UPDATE alert_outbox SET attempts = attempts + 1, deliver_after = $2 WHERE id = ANY($1::bigint[])`,
        [leased.map((r) => r.id), new Date(now.getTime() + LEASE_MS)],
      );
    return {
      alerts: leased.map((row) => ({
        id: Number(row.id),
        userId: row.user_id,
        ruleKind: row.rule_kind,
        sobject: row.sobject,
        recordId: row.record_id,
        title: row.title,
        body: row.body,
        link: row.link,
        attempts: row.attempts + 1,
        preferences: preferencesOf(row),
        deliveredChannels: row.delivered_channels,
      })),
      deferred: deferred.length,
      digested: digested.length,
      taken: rows.length,
    };
  });
}
