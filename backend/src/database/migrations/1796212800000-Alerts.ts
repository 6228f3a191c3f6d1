import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts: what people subscribe to (alert_subscription) and the outbox the rules write into, in
 * the same transaction as the change that fired them (alert_outbox). A delivery worker reads the
 * outbox; `dedup_key` makes a replayed change insert nothing twice. One row per recipient and alert.
 * No foreign keys to the mirror: a user can vanish from it (and come back on reload).
 */
export class Alerts1796212800000 implements MigrationInterface {
  name = 'Alerts1796212800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE alert_subscription (
        id bigserial PRIMARY KEY,
        user_id varchar(18) NOT NULL,
        rule_kind text NOT NULL CHECK (rule_kind IN ('deal_won', 'deal_lost', 'stage_moved_backwards',
          'close_date_pushed_out', 'no_activity', 'forecast_risk', 'sync_unhealthy')),
        scope text NOT NULL DEFAULT 'self' CHECK (scope IN ('self', 'team')),
        params jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(params) = 'object'),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX alert_subscription_user ON alert_subscription (user_id, id)`);
    // The rules read the active subscriptions of a kind.
    await db.query(`CREATE INDEX alert_subscription_active ON alert_subscription (rule_kind) WHERE active`);

    await db.query(`
      CREATE TABLE alert_outbox (
        id bigserial PRIMARY KEY,
        dedup_key text NOT NULL UNIQUE,
        user_id varchar(18) NOT NULL,
        subscription_id bigint REFERENCES alert_subscription (id) ON DELETE SET NULL,
        rule_kind text NOT NULL,
        sobject text,
        record_id varchar(18),
        title text NOT NULL,
        body text NOT NULL,
        link text,
        payload jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        deliver_after timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed', 'digested')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        delivered_at timestamptz
      )`);
    // The worker's queue: what is due.
    await db.query(`CREATE INDEX alert_outbox_due ON alert_outbox (status, deliver_after)`);
    // A viewer's recent alerts (GET /api/alerts), newest first.
    await db.query(`CREATE INDEX alert_outbox_user ON alert_outbox (user_id, id DESC)`);
    await db.query(`CREATE INDEX alert_outbox_subscription ON alert_outbox (subscription_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE alert_outbox`);
    await db.query(`DROP TABLE alert_subscription`);
  }
}
