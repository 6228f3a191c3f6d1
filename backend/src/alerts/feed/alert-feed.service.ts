import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Viewer } from '../../access/viewer';
import type { AlertFeedQueryDto } from './dto/alert-feed-query.dto';
import type { AlertDto, AlertFeedDto } from './dto/alert.dto';

interface OutboxRow {
  id: string;
  rule_kind: AlertDto['ruleKind'];
  title: string;
  body: string;
  link: string | null;
  sobject: string | null;
  record_id: string | null;
  created_at: Date;
  status: string;
  delivered_at: Date | null;
  subscription_id: string | null;
  payload: Record<string, unknown>;
}

/** The alerts written for the viewer (only theirs), newest first, a page at a time. */
@Injectable()
export class AlertFeedService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async recent(viewer: Viewer, query: AlertFeedQueryDto): Promise<AlertFeedDto> {
    const limit = query.limit ?? 20;
    const [rows, [freshness]]: [OutboxRow[], { asOf: Date | null }[]] = await Promise.all([
      this.db.query(
        `SELECT id, rule_kind, title, body, link, sobject, record_id, created_at, status, delivered_at, subscription_id, payload
           FROM alert_outbox
          WHERE user_id = $1 AND ($2::bigint IS NULL OR id < $2) AND ($3::text IS NULL OR rule_kind = $3)
          ORDER BY id DESC LIMIT $4`,
        [viewer.userId, query.beforeId ?? null, query.ruleKind ?? null, limit + 1],
      ),
      this.db.query(`SELECT max(greatest(last_change_at, loaded_at)) AS "asOf" FROM sync_channel`),
    ]);
    const page = rows.slice(0, limit);
    return {
      alerts: page.map((r) => ({
        id: Number(r.id),
        ruleKind: r.rule_kind,
        title: r.title,
        body: r.body,
        link: r.link,
        sobject: r.sobject,
        recordId: r.record_id,
        createdAt: r.created_at.toISOString(),
        status: r.status,
        deliveredAt: r.delivered_at?.toISOString() ?? null,
        subscriptionId: r.subscription_id === null ? null : Number(r.subscription_id),
        payload: r.payload,
      })),
      nextBeforeId: rows.length > limit ? Number(page.at(-1)!.id) : null,
      asOf: freshness?.asOf ? new Date(freshness.asOf).toISOString() : null,
    };
  }
}
