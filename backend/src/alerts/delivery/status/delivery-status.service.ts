// What an admin reads first when alerts go missing: the outbox by status, and the latest failures.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AlertPreferencesService } from '../preferences/alert-preferences.service';
import type { DeliveryStatusDto } from './dto/delivery-status.dto';

const RECENT_FAILURES = 20;

@Injectable()
export class DeliveryStatusService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly preferences: AlertPreferencesService,
  ) {}

  async status(): Promise<DeliveryStatusDto> {
    const [counts, [retrying], failures] = await Promise.all([
      this.db.query(`SELECT status, count(*)::int AS n FROM alert_outbox GROUP BY status`) as Promise<
        { status: string; n: number }[]
      >,
      this.db.query(
        `SELECT count(*)::int AS n FROM alert_outbox WHERE status = 'pending' AND last_error IS NOT NULL`,
      ) as Promise<{ n: number }[]>,
      this.db.query(
        `SELECT id, user_id, rule_kind, attempts, last_error, created_at FROM alert_outbox
         WHERE status = 'failed' ORDER BY id DESC LIMIT ${RECENT_FAILURES}`,
      ) as Promise<
        {
          id: string;
          user_id: string;
          rule_kind: string;
          attempts: number;
          last_error: string | null;
          created_at: Date;
        }[]
      >,
    ]);
    const count = (status: string) => counts.find((c) => c.status === status)?.n ?? 0;
    return {
      availableChannels: this.preferences.availableChannels(),
      outbox: {
        pending: count('pending'),
        delivered: count('delivered'),
        digested: count('digested'),
        failed: count('failed'),
      },
      retrying: retrying.n,
      recentFailures: failures.map((f) => ({
        id: Number(f.id),
        userId: f.user_id,
        ruleKind: f.rule_kind,
        attempts: f.attempts,
        lastError: f.last_error,
        createdAt: f.created_at.toISOString(),
      })),
      asOf: new Date().toISOString(),
    };
  }
}
