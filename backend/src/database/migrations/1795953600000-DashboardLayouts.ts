import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dashboard layouts: a user's own (kind 'user', keyed by User Id) and team defaults (kind 'team',
 * keyed by UserRole Id). The document is JSONB carrying its schemaVersion, so old documents are
 * upgraded on read; `version` counts writes and backs the ETag optimistic concurrency relies on.
 * No foreign keys to the mirror: a user or role can vanish from it (and come back on reload).
 */
export class DashboardLayouts1795953600000 implements MigrationInterface {
  name = 'DashboardLayouts1795953600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE dashboard_layout (
        kind text NOT NULL CHECK (kind IN ('user', 'team')),
        owner_id varchar(18) NOT NULL,
        document jsonb NOT NULL CHECK (
          jsonb_typeof(document) = 'object'
          AND jsonb_typeof(document -> 'schemaVersion') = 'number'
          AND octet_length(document::text) <= 65536),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by varchar(18) NOT NULL,
        PRIMARY KEY (kind, owner_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE dashboard_layout`);
  }
}
