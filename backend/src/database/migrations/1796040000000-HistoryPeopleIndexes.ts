import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the funnel, movement, activity and quota endpoints, so that a large scope (an admin,
 * a VP) reads the rows of its period rather than whole tables (open deals by owner are
 * 1796126400000-OpenPipelineIndexes' IDX_opportunity_open_owner_close):
 * - deals by CreatedDate (the funnel's cohort);
 * - completed Tasks by the day they count on, written exactly as activity-segment.ts taskDay();
 * - Events by ActivityDate.
 */
const INDEXES: [name: string, definition: string][] = [
  ['IDX_opportunity_created_date', 'opportunity (created_date) WHERE NOT is_deleted'],
  [
    'IDX_task_done_day',
    `task ((COALESCE(activity_date, (COALESCE(completed_date_time, created_date) AT TIME ZONE 'UTC')::date)))
     WHERE NOT is_deleted AND is_closed`,
  ],
  ['IDX_event_activity_date', 'event (activity_date) WHERE NOT is_deleted'],
];

export class HistoryPeopleIndexes1796040000000 implements MigrationInterface {
  name = 'HistoryPeopleIndexes1796040000000';

  async up(db: QueryRunner): Promise<void> {
    for (const [name, definition] of INDEXES) await db.query(`CREATE INDEX "${name}" ON ${definition}`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const [name] of INDEXES) await db.query(`DROP INDEX "${name}"`);
  }
}
