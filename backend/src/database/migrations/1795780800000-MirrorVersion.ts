import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every mirror table: a write to any of them changes what some answer holds. */
const MIRROR_TABLES = [
  'user_role',
  'sf_user',
  'opportunity_stage',
  'account',
  'contact',
  'product',
  'opportunity',
  'opportunity_history',
  'opportunity_line_item',
  'task',
  'event',
  'forecasting_quota',
];

/**
 * A number that changes whenever any mirrored row changes, in the same transaction, readable by
 * every instance (standbys too): response caches and ETags are keyed on it.
 *
 * Triggers, not code in each writer: loads (COPY into a stage, then upsert), streaming (upserts and
 * multi-row patches), polling and reconciliation write through different statements, and a
 * trigger cannot be forgotten by the next one. Cheap: per statement a flag check; per transaction
 * one insert into `mirror_change` whose deferred trigger bumps the single row at COMMIT. Bumping it
 * at commit, not at the first write, holds the row lock only while committing, so concurrent
 * writers (a load page beside a stream batch) neither serialise on it nor deadlock through it.
 */
export class MirrorVersion1795780800000 implements MigrationInterface {
  name = 'MirrorVersion1795780800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE mirror_version (
        id smallint PRIMARY KEY CHECK (id = 1),
        version bigint NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    await db.query(`INSERT INTO mirror_version (id, version, changed_at) VALUES (1, 1, now())`);
    // At most one row per open transaction; each is deleted by its own commit-time trigger.
    await db.query(`CREATE TABLE mirror_change (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY)`);
    await db.query(`
      CREATE FUNCTION pulse_mirror_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Transaction-local flag (reset at commit or rollback): one mirror_change row per transaction.
        IF current_setting('pulse.mirror_changed', true) IS DISTINCT FROM 'on' THEN
          PERFORM set_config('pulse.mirror_changed', 'on', true);
          INSERT INTO mirror_change DEFAULT VALUES;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION pulse_mirror_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE mirror_version SET version = version + 1, changed_at = now() WHERE id = 1;
        DELETE FROM mirror_change WHERE id = NEW.id;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE CONSTRAINT TRIGGER mirror_version_bump AFTER INSERT ON mirror_change
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION pulse_mirror_version_bump()`);
    for (const table of MIRROR_TABLES)
      await db.query(`
        CREATE TRIGGER ${table}_mirror_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION pulse_mirror_changed()`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of MIRROR_TABLES) await db.query(`DROP TRIGGER ${table}_mirror_changed ON ${table}`);
    await db.query(`DROP TABLE mirror_change`);
    await db.query(`DROP FUNCTION pulse_mirror_version_bump()`);
    await db.query(`DROP FUNCTION pulse_mirror_changed()`);
    await db.query(`DROP TABLE mirror_version`);
  }
}
