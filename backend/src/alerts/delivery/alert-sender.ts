// Sends one claimed batch by each recipient's preferences: e-mail one message per alert, Salesforce
// notifications in as few REST calls as the batch allows. Only channels an earlier attempt did not
// reach are sent. Returns what each alert's attempt achieved; writes nothing.
import { Injectable } from '@nestjs/common';
import { alertEmail } from './channels/alert-email';
import { EmailChannel, EmailSendError } from './channels/email-channel';
import { SalesforceNotifications } from './channels/salesforce-notifications';
import { DeliveryDatabase } from './delivery-database';
import { DeliveryMetrics } from './delivery-metrics';
import type { DueAlert } from './outbox/claim-due';
import type { AlertOutcome } from './outbox/record-outcome';
import type { Channel } from './preferences/alert-preferences';

interface Recipient {
  email: string | null;
  active: boolean;
}

type Attempt = AlertOutcome & { todo: Channel[]; recipient?: Recipient };

@Injectable()
export class AlertSender {
  constructor(
    private readonly db: DeliveryDatabase,
    private readonly email: EmailChannel,
    private readonly salesforce: SalesforceNotifications,
    private readonly metrics: DeliveryMetrics,
  ) {}

  /** The channels this instance can send on (e-mail needs PULSE_SMTP_URL). */
  available(channel: Channel): boolean {
    return channel === 'email' ? this.email.available : this.salesforce.available;
  }

  async send(alerts: DueAlert[]): Promise<AlertOutcome[]> {
    if (alerts.length === 0) return [];
    const recipients = await this.recipients([...new Set(alerts.map((a) => a.userId))]);
    const attempts = alerts.map((alert) => this.plan(alert, recipients.get(alert.userId)));
    await this.sendEmails(attempts.filter((a) => a.todo.includes('email')));
    await this.sendNotifications(attempts.filter((a) => a.todo.includes('salesforce')));
    return attempts.map(({ alert, reached, errors, permanent }) => ({ alert, reached, errors, permanent }));
  }

  private plan(alert: DueAlert, recipient: Recipient | undefined): Attempt {
    const attempt: Attempt = { alert, reached: [], errors: [], permanent: false, todo: [], recipient };
    const chosen = alert.preferences.channels;
    const usable = chosen.filter((c) => this.available(c));
    if (!recipient?.active) {
      attempt.errors.push(`recipient ${alert.userId} is not an active user in the mirror`);
      attempt.permanent = true;
    } else if (usable.length === 0) {
      const off = chosen.map((c) => (c === 'email' ? 'email (no PULSE_SMTP_URL)' : 'salesforce (turned off)'));
      attempt.errors.push(`no channel to send on: ${off.join(', ') || 'none chosen'}`);
      attempt.permanent = true;
    } else {
      attempt.todo = usable.filter((c) => !alert.deliveredChannels.includes(c));
    }
    return attempt;
  }

  private async sendEmails(attempts: Attempt[]): Promise<void> {
    // Once the server cannot be reached, the rest of the batch would only wait for the same timeout.
    let unreachable: string | undefined;
    for (const attempt of attempts) {
      const to = attempt.alert.preferences.email ?? attempt.recipient?.email;
      if (!to) {
        attempt.errors.push('email: the user has no e-mail address');
      } else if (unreachable) {
        attempt.errors.push(`email: ${unreachable}`);
      } else {
        try {
          await this.email.send(alertEmail(to, attempt.alert));
          attempt.reached.push('email');
          this.metrics.sends.inc({ channel: 'email', outcome: 'ok' });
        } catch (error) {
          const { message, unreachable: down } = error as EmailSendError;
          attempt.errors.push(`email: ${message}`);
          if (down) unreachable = message;
          this.metrics.sends.inc({ channel: 'email', outcome: 'error' });
        }
      }
    }
  }

  private async sendNotifications(attempts: Attempt[]): Promise<void> {
    if (attempts.length === 0) return;
    const results = await this.salesforce.send(
      attempts.map(({ alert }) => ({
        alertId: alert.id,
        userId: alert.userId,
        title: alert.title,
        body: alert.body,
        recordId: alert.recordId,
      })),
    );
    for (const attempt of attempts) {
      const error = results.get(attempt.alert.id);
      if (error === null) attempt.reached.push('salesforce');
      else attempt.errors.push(`salesforce: ${error ?? 'not sent'}`);
      this.metrics.sends.inc({ channel: 'salesforce', outcome: error === null ? 'ok' : 'error' });
    }
  }

  private async recipients(userIds: string[]): Promise<Map<string, Recipient>> {
    const rows = await this.db.query<{ salesforce_id: string; email: string | null; is_active: boolean | null }>(
      `SELECT salesforce_id, email, is_active FROM sf_user WHERE salesforce_id = ANY($1::varchar[])`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.salesforce_id, { email: r.email, active: r.is_active === true }]));
  }
}
