// Reads and replaces a user's alert preferences. Turning the digest off hands the alerts it was
// holding back to the worker, so none is stranded.
import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OUTBOX_CHANNEL } from '../../outbox/outbox-writer';
import { EmailChannel } from '../channels/email-channel';
import { SalesforceNotifications } from '../channels/salesforce-notifications';
import { CHANNELS, preferencesOf, type AlertPreferences, type Channel, type PreferenceRow } from './alert-preferences';
import type { AlertPreferencesDto } from './dto/alert-preferences.dto';
import type { UpdateAlertPreferencesDto } from './dto/update-alert-preferences.dto';

type StoredRow = PreferenceRow & { updated_at: Date | null; salesforce_email: string | null };

@Injectable()
export class AlertPreferencesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly email: EmailChannel,
    private readonly salesforce: SalesforceNotifications,
  ) {}

  availableChannels(): Channel[] {
    return CHANNELS.filter((c) => (c === 'email' ? this.email.available : this.salesforce.available));
  }

  async get(userId: string): Promise<AlertPreferencesDto> {
    const [row] = (await this.db.query(
      `SELECT p.email, p.channels, p.quiet_start::text, p.quiet_end::text, p.time_zone, p.digest, p.digest_hour,
              p.updated_at, u.email AS salesforce_email
       FROM (SELECT $1::varchar AS user_id) me
       LEFT JOIN alert_preference p ON p.user_id = me.user_id
       LEFT JOIN sf_user u ON u.salesforce_id = me.user_id`,
      [userId],
    )) as StoredRow[];
    return {
      ...preferencesOf(row),
      salesforceEmail: row?.salesforce_email ?? null,
      availableChannels: this.availableChannels(),
      updatedAt: row?.updated_at ? row.updated_at.toISOString() : null,
    };
  }

  async put(userId: string, dto: UpdateAlertPreferencesDto): Promise<AlertPreferencesDto> {
    const next = this.validated(dto);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO alert_preference (user_id, email, channels, quiet_start, quiet_end, time_zone, digest, digest_hour, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
         ON CONFLICT (user_id) DO UPDATE SET email = $2, channels = $3, quiet_start = $4, quiet_end = $5,
           time_zone = $6, digest = $7, digest_hour = $8, updated_at = now()`,
        [
          userId,
          next.email,
          next.channels,
          next.quietHours?.start ?? null,
          next.quietHours?.end ?? null,
          next.timeZone,
          next.digest.enabled,
          next.digest.hour,
        ],
      );
      if (!next.digest.enabled) {
        const [{ n }] = (await tx.query(
          `WITH released AS (
             UPDATE alert_outbox o SET status = 'pending', deliver_after = now()
             WHERE o.user_id = $1 AND o.status = 'digested' AND o.delivered_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM alert_digest d WHERE d.status = 'pending' AND o.id = ANY (d.outbox_ids))
             RETURNING 1)
           SELECT count(*)::int AS n FROM released`,
          [userId],
        )) as { n: number }[];
        // Wakes the leader's worker, as the rules do when they write.
        if (n > 0) await tx.query(`SELECT pg_notify($1, 'released')`, [OUTBOX_CHANNEL]);
      }
    });
    return this.get(userId);
  }

  /** What field decorators cannot see: rules across fields, and what this Pulse can send on. */
  private validated(dto: UpdateAlertPreferencesDto): AlertPreferences {
    const digest = dto.digest ?? { enabled: false, hour: 8 };
    if (dto.quietHours && dto.quietHours.start === dto.quietHours.end)
      throw new BadRequestException('quietHours.start and quietHours.end must differ (null for no quiet hours)');
    if (digest.enabled && !dto.channels.includes('email'))
      throw new BadRequestException('digest.enabled needs the email channel: add email to channels');
    const available = this.availableChannels();
    if (digest.enabled && !available.includes('email'))
      throw new BadRequestException(
        'digest.enabled needs e-mail, which this Pulse cannot send (no mail server set up)',
      );
    if (!dto.channels.some((c) => available.includes(c)))
      throw new BadRequestException(
        `channels: ${dto.channels.join(', ')} cannot be sent here; available: ${available.join(', ') || 'none'}`,
      );
    return {
      email: dto.email ?? null,
      channels: dto.channels,
      quietHours: dto.quietHours ? { start: dto.quietHours.start, end: dto.quietHours.end } : null,
      timeZone: dto.timeZone,
      digest: { enabled: digest.enabled, hour: digest.hour },
    };
  }
}
