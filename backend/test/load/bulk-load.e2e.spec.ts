// The initial load end to end: the emulated org's Bulk API 2.0 over HTTP -> BulkLoader -> COPY and
// upsert -> PostgreSQL, checked against the org row by row.
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { effectiveObjects, type EffectiveObject } from '../../src/mirror/mirror-config';
import { upsertRecords, type SalesforceRecord } from '../../src/mirror/mirror-writer';
import { loadOrder } from '../../src/mirror/mirrored-objects';
import { BulkLoader } from '../../src/sync/load/bulk-loader.service';
import { LoadModule } from '../../src/sync/load/load.module';
import { OBJECT_LOADER, type LoadProgress } from '../../src/sync/load/object-loader';
import { expectMirrorEqualsOrg, mirrorDifferences } from '../support/mirror-equals-org';
import { bulkJobs, loadStateRow, startLoadFixture, type LoadFixture } from './load-fixture';

const OBJECTS = effectiveObjects({
  Opportunity: { extraFields: ['NextStep', 'FiscalYear', 'Description', 'NoSuchField__c'] },
  Account: { extraFields: ['BillingPostalCode', 'Phone'] },
  Task: { extraFields: ['IsHighPriority', 'CallDurationInSeconds'] },
});
const object = (sobject: string): EffectiveObject => OBJECTS.find((o) => o.sobject === sobject)!;
const OPPORTUNITY = object('Opportunity');

describe('BulkLoader (emulator Bulk API 2.0 -> COPY -> PostgreSQL)', () => {
  let f: LoadFixture;

  beforeAll(async () => {
    f = await startLoadFixture();
    // Some records in the recycle bin: queryAll must bring them, marked deleted.
    const ids = (table: string, n: number) => [...f.emulator.store.scan(table)].slice(10, 10 + n).map((r) => r.Id);
    await f.conn.sobject('Opportunity').destroy(ids('Opportunity', 3));
    await f.conn.sobject('Task').destroy(ids('Task', 2));
    await f.conn.sobject('Contact').destroy(ids('Contact', 1));
  }, 60_000);

  afterAll(async () => {
    f.emulator.faults.clear();
    await f?.close();
  });

  const opportunities = () => f.emulator.store.count('Opportunity');
  const clearOpportunities = () =>
    f.db.query(`TRUNCATE opportunity; DELETE FROM sync_object_state WHERE sobject = 'Opportunity'`);

  it('loads every mirrored object, parents first, equal to the org row by row', async () => {
    const loader = f.loader({ maxRecords: 2_000 });
    const progress: LoadProgress[] = [];
    const running: LoadProgress[][] = [];
    for (const o of loadOrder(OBJECTS) as EffectiveObject[]) {
      const result = await loader.load(f.conn, o, {
        onProgress: (p) => {
          if (p.sobject === 'Opportunity') progress.push(p);
          running.push(loader.currentProgress());
        },
      });
      expect(result).toMatchObject({ sobject: o.sobject, loaded: f.emulator.store.count(o.sobject), swept: 0 });
      expect(await loadStateRow(f.db, o.sobject)).toMatchObject({
        state: 'loaded',
        bulk_job_id: null,
        next_locator: null,
        records_loaded: f.emulator.store.count(o.sobject),
        last_error: null,
      });
    }
    await expectMirrorEqualsOrg(f.db, f.emulator.store, OBJECTS);

    // Deleted rows came with the load, marked deleted.
    const [{ n }] = await f.db.query(`SELECT count(*)::int AS n FROM opportunity WHERE is_deleted`);
    expect(n).toBe(3);
    // Progress: page after page up to the total Salesforce counted, with a rate.
    const pages = Math.ceil(opportunities() / 2_000);
    expect(progress.map((p) => p.pages)).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
    expect(progress.at(-1)).toMatchObject({ loaded: opportunities(), total: opportunities(), etaSeconds: 0 });
    expect(progress.every((p) => p.recordsPerSecond > 0)).toBe(true);
    expect(running.every((r) => r.length === 1)).toBe(true);
    expect(loader.currentProgress()).toEqual([]);
    // The org has no NoSuchField__c: asked for only what it has, and said so.
    expect(f.logs.matching('warn', /Opportunity: the org has no NoSuchField__c/)).toHaveLength(1);
    expect(
      f.logs.matching('log', /^Loaded OpportunityStage over REST \(the Bulk API does not serve it\): 10 records/),
    ).toHaveLength(1);
    expect(f.logs.matching('log', /^Loaded Opportunity: 3000 records in .* 2 pages; 0 rows/)).toHaveLength(1);
    const [row] = await f.db.query(`SELECT extra FROM opportunity LIMIT 1`);
    expect(Object.keys(row.extra).sort()).toEqual(['Description', 'FiscalYear', 'NextStep']);
  }, 120_000);

  it('resumes after a failure from the stored locator, loading no page twice', async () => {
    await clearOpportunities();
    const loader = f.loader({ maxRecords: 500 });
    const total = opportunities();
    const failAfterPage = (page: number) => (p: LoadProgress) => {
      if (p.pages === page) f.emulator.faults.network.setFailures({ rate: 1, status: 503 });
    };
    await expect(loader.load(f.conn, OPPORTUNITY, { onProgress: failAfterPage(2) })).rejects.toThrow(/HTTP 503/);
    f.emulator.faults.clear();

    // Page 3 was already fetched and copied while page 2 committed: it committed too, then page 4 failed.
    const stopped = await loadStateRow(f.db, 'Opportunity');
    expect(stopped).toMatchObject({ state: 'error', pages_loaded: 3, records_loaded: 1_500 });
    expect(stopped.bulk_job_id).toMatch(/^750/);
    expect(stopped.next_locator).not.toBeNull();
    expect(stopped.last_error).toMatch(/^Loading Opportunity failed: .*HTTP 503/);
    const [{ n: before }] = await f.db.query(`SELECT count(*)::int AS n FROM opportunity`);
    expect(before).toBe(1_500);
    const jobs = (await bulkJobs(f.conn, 'Opportunity')).length;

    const pages: number[] = [];
    const result = await loader.load(f.conn, OPPORTUNITY, { onProgress: (p) => pages.push(p.pages!) });
    expect(result).toMatchObject({ loaded: total, pages: total / 500, resumed: true, swept: 0 });
    expect(pages).toEqual([4, 5, 6]); // on from page 4: pages 1 to 3 were not loaded again
    expect(await bulkJobs(f.conn, 'Opportunity')).toHaveLength(jobs); // the same job
    const done = await loadStateRow(f.db, 'Opportunity');
    expect(done).toMatchObject({ state: 'loaded', pages_loaded: 6, records_loaded: total, last_error: null });
    // The sweep measured from the first attempt's start: rows of pages 1 to 3 were kept.
    expect(done.load_started_at).toEqual(stopped.load_started_at);
    await expectMirrorEqualsOrg(f.db, f.emulator.store, [OPPORTUNITY]);
  }, 60_000);

  it('starts a new job when the stored one is gone', async () => {
    await clearOpportunities();
    const loader = f.loader({ maxRecords: 500 });
    await expect(
      loader.load(f.conn, OPPORTUNITY, {
        onProgress: (p) => p.pages === 1 && f.emulator.faults.network.setFailures({ rate: 1 }),
      }),
    ).rejects.toThrow();
    f.emulator.faults.clear();
    const { bulk_job_id } = await loadStateRow(f.db, 'Opportunity');
    // Salesforce deletes jobs after seven days.
    await f.conn.request({ method: 'DELETE', url: `/services/data/v66.0/jobs/query/${bulk_job_id}` });

    const result = await loader.load(f.conn, OPPORTUNITY);
    expect(result).toMatchObject({ loaded: opportunities(), pages: 6, resumed: false });
    expect(
      f.logs.matching('warn', new RegExp(`job ${bulk_job_id} no longer exists: loading Opportunity again`)),
    ).toHaveLength(1);
    expect((await loadStateRow(f.db, 'Opportunity')).state).toBe('loaded');
    await expectMirrorEqualsOrg(f.db, f.emulator.store, [OPPORTUNITY]);
  }, 60_000);

  it('gives up on a results request that stalls, and resumes once the org answers again', async () => {
    await clearOpportunities();
    f.emulator.faults.network.setLatency({ ms: 400 });
    await expect(f.loader({ maxRecords: 500, requestTimeoutMs: 150 }).load(f.conn, OPPORTUNITY)).rejects.toThrow(
      /could not be fetched: no answer for 150 ms/,
    );
    f.emulator.faults.clear();
    expect(await loadStateRow(f.db, 'Opportunity')).toMatchObject({ state: 'error', pages_loaded: 0 });

    const result = await f.loader({ maxRecords: 500 }).load(f.conn, OPPORTUNITY);
    expect(result).toMatchObject({ resumed: true, pages: 6 });
    await expectMirrorEqualsOrg(f.db, f.emulator.store, [OPPORTUNITY]);
  }, 60_000);

  it('never overwrites a newer row, and keeps rows streaming wrote while it ran', async () => {
    const loader = f.loader({ maxRecords: 500 });
    const rest = async (id: string) =>
      (
        await f.conn.query<SalesforceRecord>(
          `SELECT ${['Id', ...OPPORTUNITY.fields.map((x) => x.field), 'NextStep', 'FiscalYear', 'Description', 'SystemModstamp', 'IsDeleted'].join(', ')} FROM Opportunity WHERE Id = '${id}'`,
        )
      ).records[0];
    const all = [...f.emulator.store.scan('Opportunity')].filter((r) => !r.IsDeleted);

    // A row the mirror holds newer than the org's copy (its SystemModstamp a day ahead).
    const ahead = await rest(all[0].Id);
    const future = new Date(Date.parse(String(ahead.SystemModstamp).replace('+0000', 'Z')) + 86_400_000);
    await upsertRecords(f.db.manager, OPPORTUNITY, [{ ...ahead, Amount: 4_242, SystemModstamp: future.toISOString() }]);

    // The load stops after page 1; meanwhile the org changes and streaming writes the changes.
    await expect(
      loader.load(f.conn, OPPORTUNITY, {
        fresh: true,
        onProgress: (p) => p.pages === 1 && f.emulator.faults.network.setFailures({ rate: 1 }),
      }),
    ).rejects.toThrow();
    f.emulator.faults.clear();
    const changed = all.at(-1)!.Id; // on the last page: the job still holds its old values
    await f.conn.sobject('Opportunity').update({ Id: changed, Amount: 313_313, StageName: 'Negotiation/Review' });
    const created = await f.conn.sobject('Opportunity').create({
      Name: 'Created during the load',
      StageName: 'Prospecting',
      CloseDate: '2030-01-31',
      AccountId: all[0].AccountId,
    });
    await upsertRecords(f.db.manager, OPPORTUNITY, [await rest(changed), await rest((created as { id: string }).id)]);

    const result = await loader.load(f.conn, OPPORTUNITY);
    expect(result.resumed).toBe(true);
    expect(result.loaded).toBe(opportunities() - 1); // the job predates the new record
    const rows = await f.db.query(
      `SELECT salesforce_id, amount::float8 AS amount, is_deleted FROM opportunity WHERE salesforce_id = ANY($1)`,
      [[ahead.Id, changed, (created as { id: string }).id]],
    );
    expect(new Map(rows.map((r: { salesforce_id: string }) => [r.salesforce_id, r]))).toEqual(
      new Map([
        [ahead.Id, { salesforce_id: ahead.Id, amount: 4_242, is_deleted: false }],
        [changed, { salesforce_id: changed, amount: 313_313, is_deleted: false }],
        [
          (created as { id: string }).id,
          { salesforce_id: (created as { id: string }).id, amount: null, is_deleted: false },
        ],
      ]),
    );
    // Everything else equals the org; the row held ahead is the one difference, by design.
    const differences = await mirrorDifferences(f.db, f.emulator.store, [OPPORTUNITY]);
    expect(differences.map((d) => [d.id, d.field])).toEqual([
      [ahead.Id, 'Amount'],
      [ahead.Id, 'SystemModstamp'],
    ]);
    await f.db.query(`UPDATE opportunity SET system_modstamp = $2 WHERE salesforce_id = $1`, [ahead.Id, '2000-01-01']);
  }, 60_000);

  it('marks rows of records purged from the org deleted', async () => {
    const store = f.emulator.store;
    const purge = (sobject: string, n: number) =>
      [...store.scan(sobject)].slice(-n).map((r) => {
        store.purge(sobject, r.Id);
        return r.Id;
      });
    // A stage (loaded over REST: the Bulk API does not serve OpportunityStage) that goes away.
    const stage = store.seed('OpportunityStage', {
      ApiName: 'Obsolete',
      MasterLabel: 'Obsolete',
      SortOrder: 99,
      IsActive: false,
      IsClosed: false,
      IsWon: false,
      DefaultProbability: 5,
      ForecastCategoryName: 'Omitted',
      SystemModstamp: '2025-01-01T00:00:00.000+0000',
    });
    const loader = f.loader();
    await loader.load(f.conn, object('OpportunityStage'));
    expect(await f.db.query(`SELECT is_deleted FROM opportunity_stage WHERE salesforce_id = $1`, [stage.Id])).toEqual([
      { is_deleted: false },
    ]);
    store.purge('OpportunityStage', stage.Id);
    const purged: Record<string, string[]> = {
      Opportunity: purge('Opportunity', 4),
      Account: purge('Account', 2),
      Task: purge('Task', 3),
      OpportunityStage: [stage.Id],
    };
    for (const o of loadOrder(OBJECTS) as EffectiveObject[]) {
      const result = await loader.load(f.conn, o);
      const ids = purged[o.sobject] ?? [];
      expect([o.sobject, result.swept]).toEqual([o.sobject, ids.length]);
      if (ids.length === 0) continue;
      const rows = await f.db.query(
        `SELECT bool_and(is_deleted) AS deleted FROM ${o.table} WHERE salesforce_id = ANY($1)`,
        [ids],
      );
      expect(rows).toEqual([{ deleted: true }]);
    }
    await expectMirrorEqualsOrg(f.db, store, OBJECTS);
  }, 60_000);

  it('re-fetches updated, deleted, purged and silently changed records in batches', async () => {
    const store = f.emulator.store;
    const live = [...store.scan('Opportunity')].filter((r) => !r.IsDeleted);
    const [updated1, updated2, deleted, purged, silent] = live.slice(100, 105).map((r) => r.Id);
    await f.conn.sobject('Opportunity').update([
      { Id: updated1, Amount: 123_456 },
      { Id: updated2, StageName: 'Closed Won' },
    ]);
    await f.conn.sobject('Opportunity').destroy(deleted);
    store.purge('Opportunity', purged);
    store.writeSilently('Opportunity', silent, { Name: 'Changed without an event' });
    expect((await mirrorDifferences(f.db, store, [OPPORTUNITY])).length).toBeGreaterThan(0);

    const ids = [updated1, updated2, deleted, purged, silent, '006000000000000AAA'];
    await f.loader({ refetchBatch: 2 }).refetch(f.conn, OPPORTUNITY, ids);
    await expectMirrorEqualsOrg(f.db, store, [OPPORTUNITY]);
  }, 60_000);

  it('is what the LoadModule provides as the ObjectLoader', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(f.database.url), migrationsRun: false }), LoadModule],
    }).compile();
    try {
      const loader = moduleRef.get(OBJECT_LOADER);
      expect(loader).toBeInstanceOf(BulkLoader);
      expect(loader.currentProgress()).toEqual([]);
    } finally {
      await moduleRef.close();
    }
  });
});

describe('BulkLoader and jobs that end badly', () => {
  let f: LoadFixture;

  beforeAll(async () => {
    // Jobs wait in the queue long enough to be aborted, as an admin might in Setup.
    f = await startLoadFixture({ demo: { opportunities: 50 }, bulk: { queuedMs: 60_000 } });
  }, 60_000);

  afterAll(() => f?.close());

  it('records an aborted job in last_error and drops it, so the next load starts a new one', async () => {
    const loading = f.loader().load(f.conn, OPPORTUNITY);
    let job: { id: string; state: string } | undefined;
    while (!job) [job] = await bulkJobs(f.conn, 'Opportunity');
    await f.conn.request({
      method: 'PATCH',
      url: `/services/data/v66.0/jobs/query/${job.id}`,
      body: JSON.stringify({ state: 'Aborted' }),
      headers: { 'Content-Type': 'application/json' },
    });
    await expect(loading).rejects.toThrow(`Bulk API job ${job.id} for Opportunity ended Aborted`);
    expect(await loadStateRow(f.db, 'Opportunity')).toMatchObject({
      state: 'error',
      bulk_job_id: null,
      last_error: `Loading Opportunity failed: Bulk API job ${job.id} for Opportunity ended Aborted`,
    });
  }, 60_000);
});
