import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What streaming needs beyond the replay position: where the initial load stands (so a restart
 * resumes it inside the replay window), records and objects waiting to be re-read after gap or
 * overflow events (recorded with the event, so a crash before the re-read still re-reads), and the
 * leader's epoch, which every apply transaction checks so a deposed leader can never commit.
 */
export class StreamState1795694400000 implements MigrationInterface {
  name = 'StreamState1795694400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE sync_channel
        ADD COLUMN load_started_at timestamptz,
        ADD COLUMN loading_object text,
        ADD COLUMN loaded_objects text[] NOT NULL DEFAULT '{}'`);
    await db.query(`CREATE SEQUENCE sync_refetch_seq`);
    // One sequence numbers every request, so a worker can tell a request renewed while it worked.
    await db.query(`
      CREATE TABLE sync_refetch (
        sobject text NOT NULL,
        salesforce_id varchar(18) NOT NULL,
        seq bigint NOT NULL DEFAULT nextval('sync_refetch_seq'),
        reason text NOT NULL,
        replay_id bigint,
        requested_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sobject, salesforce_id)
      )`);
    await db.query(`
      CREATE TABLE sync_resync (
        sobject text PRIMARY KEY,
        seq bigint NOT NULL DEFAULT nextval('sync_refetch_seq'),
        reason text NOT NULL,
        replay_id bigint,
        requested_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE sync_leader (
        id smallint PRIMARY KEY CHECK (id = 1),
        epoch bigint NOT NULL,
        holder text,
        acquired_at timestamptz
      )`);
    await db.query(`INSERT INTO sync_leader (id, epoch) VALUES (1, 0)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE sync_leader`);
    await db.query(`DROP TABLE sync_resync`);
    await db.query(`DROP TABLE sync_refetch`);
    await db.query(`DROP SEQUENCE sync_refetch_seq`);
    await db.query(`
      ALTER TABLE sync_channel
        DROP COLUMN load_started_at,
        DROP COLUMN loading_object,
        DROP COLUMN loaded_objects`);
  }
}
