// Sends the due daily digests: one e-mail per user and day listing the alerts held for it.
import { Injectable, Logger } from '@nestjs/common';
import { digestEmail } from '../channels/alert-email';
import { EmailChannel, type EmailSendError } from '../channels/email-channel';
import { DeliveryDatabase } from '../delivery-database';
import { DeliveryMetrics } from '../delivery-metrics';
import { claimDigests, recordDigest, type DueDigest } from './digest-store';
import { planDigests } from './plan-digests';

const DIGESTS_PER_RUN = 10;

@Injectable()
export class DigestSender {
  private readonly logger = new Logger(DigestSender.name);

  constructor(
    private readonly db: DeliveryDatabase,
    private readonly email: EmailChannel,
    private readonly metrics: DeliveryMetrics,
  ) {}

  /** Opens the digests whose hour has come, then sends those due; returns how many were sent. */
  async run(now: Date, later: () => Date): Promise<number> {
    await planDigests(this.db, now);
    let sent = 0;
    for (const digest of await claimDigests(this.db, now, DIGESTS_PER_RUN)) {
      const status = await this.send(digest, later);
      this.metrics.digests.inc({ outcome: status });
      if (status === 'delivered') sent++;
      else if (status === 'failed')
        this.logger.error(
          `Digest ${digest.id} for user ${digest.userId} failed for good after ${digest.attempts} attempts`,
        );
    }
    return sent;
  }

  private async send(digest: DueDigest, later: () => Date) {
    const [recipient] = await this.db.query<{ email: string | null }>(
      `SELECT coalesce(p.email, u.email) AS email
       FROM alert_preference p LEFT JOIN sf_user u ON u.salesforce_id = p.user_id AND u.is_active
       WHERE p.user_id = $1`,
      [digest.userId],
    );
    if (!this.email.available)
      return recordDigest(this.db, later(), digest, 'e-mail is not configured (PULSE_SMTP_URL)', true);
    if (!recipient?.email)
      return recordDigest(this.db, later(), digest, 'the user has no e-mail address or is inactive', true);
    if (digest.alerts.length === 0) return recordDigest(this.db, later(), digest, null);
    try {
      await this.email.send(digestEmail(recipient.email, digest.id, digest.localDate, digest.alerts));
      this.metrics.sends.inc({ channel: 'email', outcome: 'ok' });
      return recordDigest(this.db, later(), digest, null);
    } catch (error) {
      this.metrics.sends.inc({ channel: 'email', outcome: 'error' });
      return recordDigest(this.db, later(), digest, (error as EmailSendError).message);
    }
  }
}
