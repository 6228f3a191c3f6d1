import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alert delivery: each user's preferences (alert_preference; no row = the defaults), which channels
 * an outbox row has reached (alert_delivery, so a retry after a partial failure never sends a channel
 * twice), and the daily digests (alert_digest, one per user and local day, listing the outbox rows
 * it carries).
 */
export class AlertPreferences1796299200000 implements MigrationInterface {
  name = 'AlertPreferences1796299200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE alert_preference (
        user_id varchar(18) PRIMARY KEY,
        email text,
        channels text[] NOT NULL DEFAULT '{email,salesforce}' CHECK (channels <@ '{email,salesforce}'::text[]),
        quiet_start time,
        quiet_end time,
        time_zone text NOT NULL DEFAULT 'UTC',
        digest boolean NOT NULL DEFAULT false,
        digest_hour smallint NOT NULL DEFAULT 8 CHECK (digest_hour BETWEEN 0 AND 23),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
      )`);
    await db.query(`
      CREATE TABLE alert_delivery (
        outbox_id bigint NOT NULL REFERENCES alert_outbox (id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('email', 'salesforce')),
        delivered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (outbox_id, channel)
      )`);
    await db.query(`
      CREATE TABLE alert_digest (
        id bigserial PRIMARY KEY,
        user_id varchar(18) NOT NULL,
        local_date date NOT NULL,
        outbox_ids bigint[] NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        deliver_after timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        UNIQUE (user_id, local_date)
      )`);
    await db.query(`CREATE INDEX alert_digest_due ON alert_digest (status, deliver_after)`);
    // Rows waiting for their user's digest.
    await db.query(
      `CREATE INDEX alert_outbox_digest_waiting ON alert_outbox (user_id) WHERE status = 'digested' AND delivered_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX alert_outbox_digest_waiting`);
    await db.query(`DROP TABLE alert_digest`);
    await db.query(`DROP TABLE alert_delivery`);
    await db.query(`DROP TABLE alert_preference`);
  }
}
