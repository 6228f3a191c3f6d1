// The mirror version (migration MirrorVersion): bumped once by every transaction that writes any
// mirror table, at its commit, whatever statement wrote; seen by every connection.
import { DataSource, type EntityManager } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { MIRRORED_OBJECTS } from '../../src/mirror/mirrored-objects';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const OPP = '006000000000001AAA';

describe('mirror_version', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource(dataSourceOptions(database.url)).initialize();
    await db.query(
      `INSERT INTO opportunity (salesforce_id, amount, system_modstamp, last_synced_at) VALUES ($1, 100, now(), now())`,
      [OPP],
    );
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const version = async (on: DataSource | EntityManager = db) =>
    BigInt((await on.query(`SELECT version FROM mirror_version WHERE id = 1`))[0].version);

  it('moves once per transaction, however many statements and tables it writes', async () => {
    const before = await version();
    await db.transaction(async (tx) => {
      await tx.query(`UPDATE opportunity SET amount = 200 WHERE salesforce_id = $1`, [OPP]);
      await tx.query(`UPDATE opportunity SET amount = 300 WHERE salesforce_id = $1`, [OPP]);
      await tx.query(
        `INSERT INTO account (salesforce_id, name, system_modstamp, last_synced_at) VALUES ('001000000000001AAA', 'Acme', now(), now())`,
      );
    });
    expect(await version()).toBe(before + 1n);
    expect(await db.query(`SELECT * FROM mirror_change`)).toEqual([]); // the per-transaction marker is gone
  });

  it('moves for a write to any mirrored table, TRUNCATE included', async () => {
    for (const { table } of MIRRORED_OBJECTS) {
      const before = await version();
      await db.query(`UPDATE ${table} SET last_synced_at = now() WHERE false`);
      expect({ table, moved: (await version()) - before }).toEqual({ table, moved: 1n });
    }
    const before = await version();
    await db.query(`TRUNCATE forecasting_quota`);
    expect(await version()).toBe(before + 1n);
  });

  it('moves only at commit, and not at all for a rollback', async () => {
    const before = await version();
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    await runner.query(`UPDATE opportunity SET amount = 400 WHERE salesforce_id = $1`, [OPP]);
    expect(await version()).toBe(before); // another connection sees no change before commit
    await runner.commitTransaction();
    expect(await version()).toBe(before + 1n);

    await runner.startTransaction();
    await runner.query(`UPDATE opportunity SET amount = 500 WHERE salesforce_id = $1`, [OPP]);
    await runner.rollbackTransaction();
    await runner.release();
    expect(await version()).toBe(before + 1n);
  });

  it('does not move for writes outside the mirror', async () => {
    const before = await version();
    await db.query(
      `INSERT INTO sync_channel (channel, updated_at) VALUES ('/data/Test', now()) ON CONFLICT DO NOTHING`,
    );
    expect(await version()).toBe(before);
  });

  it('lets concurrent writers commit without waiting on each other until commit', async () => {
    const before = await version();
    const first = db.createQueryRunner();
    const second = db.createQueryRunner();
    await first.startTransaction();
    await second.startTransaction();
    // Both have written before either commits: a lock taken at the first write would block here.
    await first.query(`UPDATE opportunity SET amount = 600 WHERE salesforce_id = $1`, [OPP]);
    await second.query(`UPDATE account SET name = 'Acme Corp' WHERE salesforce_id = '001000000000001AAA'`);
    await second.commitTransaction();
    await first.commitTransaction();
    await first.release();
    await second.release();
    expect(await version()).toBe(before + 2n);
  });
});
