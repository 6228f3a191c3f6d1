// Reconciliation against the emulated org: it finds nothing on a consistent mirror, and finds,
// repairs and records what drifted without an event (silent writes, lost deletes, hard deletes,
// rows never received), leaving the mirror equal to the org row by row.
import type { SObjectRecord } from '@pulse/emulator';
import type { ReconciliationReport } from '../../src/sync/reconcile/reconciliation.service';
import { RECONCILE_MARGIN_MS } from '../../src/sync/reconcile/reconciliation.service';
import { startHarness, type Harness } from '../poll/harness';
import { expectMirrorEqualsOrg } from '../support/mirror-equals-org';

const stampAgo = (ms: number) => new Date(Date.now() - ms).toISOString().replace('Z', '+0000');
const live = (records: Iterable<SObjectRecord>) => [...records].filter((r) => r.IsDeleted !== true);

describe('reconciliation (emulator -> jsforce -> PostgreSQL)', () => {
  let h: Harness;
  const reconcile = async (
    sobjects?: string[],
    options: { rangeRows?: number; marginMs?: number; deep?: boolean } = {},
  ) =>
    h.reconciliation.reconcileOnce(
      await h.pulse(),
      sobjects ? sobjects.map((s) => h.object(s)) : h.config.sync.objects,
      { settleMs: 0, ...options },
    );
  const reportOf = (reports: ReconciliationReport[], sobject: string) => reports.find((r) => r.sobject === sobject)!;
  const liveOpportunities = () => live(h.emulator.store.scan('Opportunity'));

  beforeAll(async () => {
    h = await startHarness();
    // The mirror, loaded by reading every object from the beginning (the poller does that for any object).
    const conn = await h.pulse();
    for (const object of h.config.sync.objects) await h.polling.pollObject(conn, { ...object, changeEvents: false });
    await expectMirrorEqualsOrg(h.db, h.emulator.store, h.config.sync.objects);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('finds nothing to repair on a consistent mirror, and records each object checked', async () => {
    const reports = await reconcile();
    expect(reports.map((r) => r.sobject)).toEqual(h.config.sync.objects.map((o) => o.sobject));
    for (const r of reports) {
      expect(r).toMatchObject({ repaired: 0, repairs: { changed: [], missing: [], hardDeleted: [] } });
      expect(r.error).toBeUndefined();
      expect(r.orgCount).toBe(live(h.emulator.store.scan(r.sobject)).length);
      expect(r.mirrorCount).toBe(r.orgCount);
      expect(r.mirrorWatermark).toBe(r.orgWatermark);
      expect(r.checked?.ranges).toBe(0); // counts agreed: no id ranges were listed
    }
    const rows = await h.db.query(
      `SELECT sobject, org_count, mirror_count, repaired, finished_at, details FROM sync_reconciliation ORDER BY id`,
    );
    expect(rows).toHaveLength(12);
    for (const row of rows) {
      expect(row.repaired).toBe(0);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(Number(row.org_count)).toBe(Number(row.mirror_count));
      expect(row.details).toMatchObject({ changed: { count: 0 }, missing: { count: 0 }, hardDeleted: { count: 0 } });
    }
  });

  it('checks, on the next run, only what was stamped since the previous run (less a margin)', async () => {
    const [previous] = await reconcile(['Opportunity']);
    const [next] = await reconcile(['Opportunity']);
    expect(Date.parse(next.checked!.since!)).toBe(Date.parse(previous.checked!.through) - RECONCILE_MARGIN_MS);
    expect(next.checked!.windowRecords).toBeLessThan(liveOpportunities().length);
  });

  it('repairs silent writes, a lost delete, hard deletes and a row never received, and records what it fixed', async () => {
    const store = h.emulator.store;
    const [changed, purged] = liveOpportunities().filter(
      (o) => Date.parse(String(o.SystemModstamp).replace('+0000', 'Z')) < Date.now() - 60_000,
    );
    const quota = live(store.scan('ForecastingQuota'))[0];
    const account = live(store.scan('Account'))[0];
    const contact = live(store.scan('Contact'))[0];
    // A change that emitted no event (a direct database write stamps the record).
    store.writeSilently('Opportunity', changed.Id, { Amount: 424_242, SystemModstamp: stampAgo(2_000) });
    // Deleted with no event reaching us: the recycle bin emptied, and a delete whose event was lost.
    store.purge('Opportunity', purged.Id);
    store.purge('ForecastingQuota', quota.Id);
    store.writeSilently('Account', account.Id, { IsDeleted: true, SystemModstamp: stampAgo(2_000) });
    // A row the mirror never received.
    await h.db.query(`DELETE FROM contact WHERE salesforce_id = $1`, [contact.Id]);

    const reports = await reconcile();
    expect(reportOf(reports, 'Opportunity')).toMatchObject({
      repaired: 2,
      repairs: { changed: [changed.Id], missing: [], hardDeleted: [purged.Id] },
    });
    expect(reportOf(reports, 'Opportunity').orgCount).toBe(reportOf(reports, 'Opportunity').mirrorCount! - 1);
    expect(reportOf(reports, 'ForecastingQuota').repairs).toEqual({
      changed: [],
      missing: [],
      hardDeleted: [quota.Id],
    });
    expect(reportOf(reports, 'Account').repairs).toEqual({ changed: [account.Id], missing: [], hardDeleted: [] });
    expect(reportOf(reports, 'Contact').repairs).toEqual({ changed: [], missing: [contact.Id], hardDeleted: [] });
    const untouched = reports.filter(
      (r) => !['Opportunity', 'ForecastingQuota', 'Account', 'Contact'].includes(r.sobject),
    );
    for (const r of untouched) expect(r.repaired).toBe(0);
    await expectMirrorEqualsOrg(h.db, store, h.config.sync.objects);

    const [recorded] = await h.db.query(
      `SELECT org_count, mirror_count, repaired, details FROM sync_reconciliation WHERE sobject = 'Opportunity'
       ORDER BY id DESC LIMIT 1`,
    );
    expect(recorded.repaired).toBe(2);
    expect(recorded.details).toMatchObject({
      changed: { count: 1, ids: [changed.Id] },
      missing: { count: 0, ids: [] },
      hardDeleted: { count: 1, ids: [purged.Id] },
    });
    const exposition = await h.metrics.registry.metrics();
    expect(exposition).toContain(
      'pulse_sync_reconciliation_repaired_total{sobject="Opportunity",kind="hard_deleted"} 1',
    );
    expect(exposition).toContain('pulse_sync_reconciliation_repaired_total{sobject="Contact",kind="missing"} 1');
    expect(exposition).toContain('pulse_sync_reconciliations_total{sobject="Opportunity",outcome="repaired"} 1');
    expect(exposition).toContain('pulse_sync_records_loaded_total{sobject="Opportunity",source="reconcile"} 2');

    // Repaired for good: the next run finds nothing.
    for (const r of await reconcile()) expect(r.repaired).toBe(0);
  });

  it('lists only the id ranges whose counts differ, and finds drift in the first and last ranges', async () => {
    await reconcile(['Opportunity']); // from here on, only changes stamped after this run are in the window
    const ordered = liveOpportunities()
      .map((o) => o.Id)
      .sort();
    const [first, , , middle, last] = [
      ordered[0],
      ordered[1],
      ordered[2],
      ordered[Math.floor(ordered.length / 2)],
      ordered.at(-1)!,
    ];
    h.emulator.store.purge('Opportunity', middle);
    h.emulator.store.purge('Opportunity', last);
    await h.db.query(`DELETE FROM opportunity WHERE salesforce_id = $1`, [first]);

    // No margin: nothing is re-checked by stamp, so the range comparison alone must find all three.
    const [report] = await reconcile(['Opportunity'], { rangeRows: 500, marginMs: 0 });
    expect(report.checked!.windowRecords).toBe(0);
    expect(report.repairs.hardDeleted.sort()).toEqual([middle, last].sort());
    expect(report.repairs.missing).toEqual([first]);
    expect(report.checked!.ranges).toBeGreaterThanOrEqual(6);
    expect(report.checked!.rangesDiffering).toBe(3);
    await expectMirrorEqualsOrg(h.db, h.emulator.store, [h.object('Opportunity')]);
  });

  it('finds a value changed without a new SystemModstamp only when asked to compare deeply', async () => {
    const [deal] = liveOpportunities();
    const [stage] = live(h.emulator.store.scan('OpportunityStage'));
    // As a cross-object formula or an unstamped direct write would: the values change, the stamp does not.
    h.emulator.store.writeSilently('Opportunity', deal.Id, { Amount: 1_234_567 });
    h.emulator.store.writeSilently('OpportunityStage', stage.Id, { MasterLabel: 'Relabelled silently' });

    const shallow = await reconcile(['Opportunity', 'OpportunityStage']);
    for (const r of shallow) expect(r.repaired).toBe(0);

    const deep = await reconcile(['Opportunity', 'OpportunityStage'], { deep: true });
    expect(reportOf(deep, 'Opportunity')).toMatchObject({ repaired: 1, repairs: { changed: [deal.Id] } });
    expect(reportOf(deep, 'OpportunityStage')).toMatchObject({ repaired: 1, repairs: { changed: [stage.Id] } });
    expect(reportOf(deep, 'Opportunity').checked!.windowRecords).toBe(h.emulator.store.count('Opportunity'));
    await expectMirrorEqualsOrg(h.db, h.emulator.store, [h.object('Opportunity'), h.object('OpportunityStage')]);
  });

  it('records a failed run in sync_error and the run, and the next run checks from the last good one', async () => {
    const [good] = await reconcile(['Task']);
    h.emulator.faults.setApiRemaining({ remaining: 0 });
    let failed: ReconciliationReport;
    try {
      [failed] = await reconcile(['Task']);
    } finally {
      h.emulator.faults.clearApiLimits();
    }
    expect(failed.error).toMatch(/Reconciling Task failed: .*Limit exceeded/);
    const [error] = await h.db.query(`SELECT sobject, kind, message FROM sync_error WHERE kind = 'reconcile'`);
    expect(error).toEqual({ sobject: 'Task', kind: 'reconcile', message: failed.error });
    const [run] = await h.db.query(`SELECT finished_at, details FROM sync_reconciliation WHERE id = $1`, [failed.id]);
    expect(run.finished_at).toBeInstanceOf(Date);
    expect(run.details.error).toBe(failed.error);

    const [next] = await reconcile(['Task']);
    expect(next.error).toBeUndefined();
    expect(Date.parse(next.checked!.since!)).toBe(Date.parse(good.checked!.through) - RECONCILE_MARGIN_MS);
  });

  it('leaves alone an object being loaded', async () => {
    await h.db.query(`UPDATE sync_object_state SET state = 'loading' WHERE sobject = 'Event'`);
    try {
      const [report] = await reconcile(['Event']);
      expect(report).toMatchObject({ skipped: 'the object is loading', repaired: 0 });
      expect(report.id).toBeUndefined();
    } finally {
      await h.db.query(`UPDATE sync_object_state SET state = 'pending' WHERE sobject = 'Event'`);
    }
  });
});
