// Writes what one attempt at an alert achieved: the channels it reached (kept, so a retry sends only
// what is still owed), then delivered, or a retry after backoff, or failed for good.
import { MAX_ATTEMPTS, retryAt } from '../backoff';
import type { Transactional } from '../delivery-database';
import type { Channel } from '../preferences/alert-preferences';
import type { DueAlert } from './claim-due';

export interface AlertOutcome {
  alert: DueAlert;
  /** Channels this attempt reached. */
  reached: Channel[];
  /** What failed, one message per channel ("email: 550 mailbox unavailable"); empty: delivered. */
  errors: string[];
  /** A failure no retry can fix (no channel to send on, recipient unknown or inactive). */
  permanent: boolean;
}

export type OutcomeStatus = 'delivered' | 'retrying' | 'failed';

export async function recordOutcome(db: Transactional, now: Date, outcome: AlertOutcome): Promise<OutcomeStatus> {
  const { alert, reached, errors } = outcome;
  const status: OutcomeStatus =
    errors.length === 0 ? 'delivered' : outcome.permanent || alert.attempts >= MAX_ATTEMPTS ? 'failed' : 'retrying';
  const lastError = errors.join('; ').slice(0, 2000) || null;
  await db.transaction(async (tx) => {
    if (reached.length > 0)
      await tx.query(
        `INSERT INTO alert_delivery (outbox_id, channel, delivered_at)
         SELECT $1, unnest($2::text[]), $3 ON CONFLICT DO NOTHING`,
        [alert.id, reached, now],
      );
    if (status === 'delivered')
      await tx.query(
        `UPDATE alert_outbox SET status = 'delivered', delivered_at = $2, last_error = NULL WHERE id = $1`,
        [alert.id, now],
      );
    else if (status === 'failed')
      await tx.query(`UPDATE alert_outbox SET status = 'failed', last_error = $2 WHERE id = $1`, [alert.id, lastError]);
    else
      await tx.query(`UPDATE alert_outbox SET deliver_after = $2, last_error = $3 WHERE id = $1`, [
        alert.id,
        retryAt(now, alert.attempts),
        lastError,
      ]);
  });
  return status;
}
