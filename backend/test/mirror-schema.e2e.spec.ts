// The migrations and the mirror's definitions must describe the same tables: this catches a field
// added to mirrored-objects.ts without a migration (or the other way round).
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { MIRRORED_OBJECTS, type ColumnType } from '../src/mirror/mirrored-objects';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const DATA_TYPE: Record<ColumnType, string> = {
  id: 'character varying',
  text: 'text',
  numeric: 'numeric',
  integer: 'integer',
  boolean: 'boolean',
  date: 'date',
  timestamptz: 'timestamp with time zone',
};
const SYNC_COLUMNS = {
  id: 'bigint',
  salesforce_id: 'character varying',
  extra: 'jsonb',
  system_modstamp: 'timestamp with time zone',
  is_deleted: 'boolean',
  last_synced_at: 'timestamp with time zone',
};

describe('mirror schema', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource(dataSourceOptions(database.url)).initialize();
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it.each(MIRRORED_OBJECTS.map((o) => [o.sobject, o] as const))(
    '%s: the migrated table has exactly the defined columns',
    async (_, object) => {
      const rows: { column_name: string; data_type: string }[] = await db.query(
        'SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1',
        [object.table],
      );
      const expected = {
        ...SYNC_COLUMNS,
        ...Object.fromEntries(object.fields.map((f) => [f.column, DATA_TYPE[f.type]])),
      };
      expect(Object.fromEntries(rows.map((r) => [r.column_name, r.data_type]))).toEqual(expected);
    },
  );

  it('migrates down and up again', async () => {
    await db.undoLastMigration();
    await db.runMigrations();
    const [{ n }] = await db.query(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'sync_object_state'",
    );
    expect(n).toBe(1);
  });
});
