import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The forecast keeps every open deal (with its history) in memory and, when the mirror changes,
 * re-reads only the deals written since it last looked: every writer (load, stream, poll,
 * reconcile) stamps last_synced_at, so these indexes make "what changed since T" a short range scan
 * instead of a pass over a million deals and their history.
 */
const INDEXES: [name: string, definition: string][] = [
  ['IDX_opportunity_last_synced_at', 'opportunity (last_synced_at)'],
  ['IDX_opportunity_history_last_synced_at', 'opportunity_history (last_synced_at)'],
];

export class ForecastChangeIndexes1795867200000 implements MigrationInterface {
  name = 'ForecastChangeIndexes1795867200000';

  async up(db: QueryRunner): Promise<void> {
    for (const [name, definition] of INDEXES) await db.query(`CREATE INDEX "${name}" ON ${definition}`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const [name] of INDEXES) await db.query(`DROP INDEX "${name}"`);
  }
}
