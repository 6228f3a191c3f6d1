// The polling fallback against the emulated org: objects without change events (and any object
// configured to poll) follow the org within one poll, boundaries of equal SystemModstamps lose
// nothing, deletes arrive, failures are recorded and recovered from.
import { expectMirrorEqualsOrg } from '../support/mirror-equals-org';
import { startHarness, type Harness } from './harness';

const POLLED = ['UserRole', 'OpportunityStage', 'OpportunityHistory', 'ForecastingQuota'];

describe('polling fallback (emulator -> jsforce -> PostgreSQL)', () => {
  let h: Harness;
  const polled = () => POLLED.map((s) => h.object(s));
  const expectPolledEqualOrg = () => expectMirrorEqualsOrg(h.db, h.emulator.store, polled());
  const poll = async () => h.polling.pollOnce(await h.pulse());
  const resultOf = (results: Awaited<ReturnType<typeof poll>>, sobject: string) => {
    const r = results.find((x) => x.sobject === sobject);
    if (!r) throw new Error(`${sobject} was not polled`);
    return r;
  };

  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('polls exactly the objects without change events by default', () => {
    expect(h.polling.polledObjects().map((o) => o.sobject)).toEqual(POLLED);
  });

  it('brings every polled object from the beginning on the first poll, equal to the org row by row', async () => {
    const results = await poll();
    expect(results.map((r) => r.sobject)).toEqual(POLLED);
    for (const r of results) {
      expect(r.skipped).toBeUndefined();
      expect(r.changed).toBe(h.emulator.store.count(r.sobject));
    }
    await expectPolledEqualOrg();
    const states = await h.db.query(
      `SELECT sobject, watermark, last_polled_at FROM sync_object_state WHERE sobject = ANY($1) ORDER BY sobject`,
      [POLLED],
    );
    expect(states).toHaveLength(4);
    for (const s of states) {
      const newest = Math.max(
        ...[...h.emulator.store.scan(s.sobject)].map((r) => Date.parse(String(r.SystemModstamp).replace('+0000', 'Z'))),
      );
      expect(s.watermark.getTime()).toBe(newest);
      expect(s.last_polled_at).toBeInstanceOf(Date);
    }
  });

  it('writes nothing when nothing changed, though it re-reads an overlap', async () => {
    const before = await h.db.query(`SELECT max(last_synced_at) AS at FROM opportunity_history`);
    const results = await poll();
    for (const r of results) {
      expect(r).toMatchObject({ changed: 0, deleted: 0 });
    }
    const after = await h.db.query(`SELECT max(last_synced_at) AS at FROM opportunity_history`);
    expect(after[0].at).toEqual(before[0].at);
  });

  it('follows updates of a stage, a role and a quota within one poll', async () => {
    const conn = await h.org();
    const [stage] = (await conn.query<{ Id: string }>("SELECT Id FROM OpportunityStage WHERE ApiName = 'Prospecting'"))
      .records;
    const [role] = (await conn.query<{ Id: string }>('SELECT Id FROM UserRole ORDER BY Name LIMIT 1')).records;
    const [quota] = (await conn.query<{ Id: string }>('SELECT Id FROM ForecastingQuota ORDER BY Id LIMIT 1')).records;
    await conn
      .sobject('OpportunityStage')
      .update({ Id: stage.Id, MasterLabel: 'Prospecting (new)', DefaultProbability: 12 });
    await conn.sobject('UserRole').update({ Id: role.Id, Name: 'Renamed role' });
    await conn.sobject('ForecastingQuota').update({ Id: quota.Id, QuotaAmount: 654_321 });

    const results = await poll();
    expect(resultOf(results, 'OpportunityStage').changed).toBe(1);
    expect(resultOf(results, 'UserRole').changed).toBe(1);
    expect(resultOf(results, 'ForecastingQuota').changed).toBe(1);
    const [row] = await h.db.query(
      `SELECT master_label, default_probability FROM opportunity_stage WHERE salesforce_id = $1`,
      [stage.Id],
    );
    expect(row).toEqual({ master_label: 'Prospecting (new)', default_probability: '12.00' });
    await expectPolledEqualOrg();
  });

  it('brings the OpportunityHistory rows that opportunity updates write', async () => {
    const conn = await h.org();
    const deals = (
      await conn.query<{ Id: string }>("SELECT Id FROM Opportunity WHERE StageName = 'Qualification' LIMIT 3")
    ).records;
    expect(deals).toHaveLength(3);
    const historyBefore = h.emulator.store.count('OpportunityHistory');
    for (const deal of deals)
      await conn.sobject('Opportunity').update({ Id: deal.Id, StageName: 'Needs Analysis', Amount: 4_321 });
    const written = h.emulator.store.count('OpportunityHistory') - historyBefore;
    expect(written).toBe(3);

    const results = await poll();
    expect(resultOf(results, 'OpportunityHistory').changed).toBe(written);
    const rows = await h.db.query(
      `SELECT opportunity_id, stage_name, amount FROM opportunity_history WHERE opportunity_id = ANY($1) AND amount = 4321`,
      [deals.map((d) => d.Id)],
    );
    expect(rows.map((r: { opportunity_id: string }) => r.opportunity_id).sort()).toEqual(deals.map((d) => d.Id).sort());
    await expectPolledEqualOrg();
  });

  it('misses no record stamped exactly at the watermark, or just below it (committed late)', async () => {
    const [{ watermark }] = await h.db.query(
      `SELECT watermark FROM sync_object_state WHERE sobject = 'ForecastingQuota'`,
    );
    const quotas = [...h.emulator.store.scan('ForecastingQuota')].filter((q) => !q.IsDeleted).slice(0, 2);
    const stamp = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');
    // Both changed with no event and stamped as if their transactions committed at or before the last poll.
    h.emulator.store.writeSilently('ForecastingQuota', quotas[0].Id, {
      QuotaAmount: 111_111,
      SystemModstamp: stamp(watermark.getTime()),
    });
    h.emulator.store.writeSilently('ForecastingQuota', quotas[1].Id, {
      QuotaAmount: 222_222,
      SystemModstamp: stamp(watermark.getTime() - 5_000),
    });

    const results = await poll();
    expect(resultOf(results, 'ForecastingQuota').changed).toBe(2);
    await expectPolledEqualOrg();
  });

  it('loses nothing when many records share one SystemModstamp across a page boundary', async () => {
    // 2,500 history rows stamped with one instant: the REST query pages them 2,000 at a time.
    const stamp = new Date(Date.now() + 1_000).toISOString().replace('Z', '+0000');
    const rows = [...h.emulator.store.scan('OpportunityHistory')].slice(0, 2_500);
    expect(rows).toHaveLength(2_500);
    for (const row of rows)
      h.emulator.store.writeSilently('OpportunityHistory', row.Id, {
        Probability: 7,
        SystemModstamp: stamp,
      });

    const results = await poll();
    expect(resultOf(results, 'OpportunityHistory')).toMatchObject({ changed: 2_500 });
    await expectPolledEqualOrg();
    // A later poll reads the same instant again (>= the watermark) and finds nothing new.
    expect(resultOf(await poll(), 'OpportunityHistory').changed).toBe(0);
  });

  it('marks deleted: a deleted quota (recycle bin, IsDeleted) and deleted roles and stages (no IsDeleted)', async () => {
    const conn = await h.org();
    // (The demo org stamps a few quotas seconds ahead of its clock; Salesforce's stamps never go
    // backwards, so take one stamped in the past.)
    const past = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const [quota] = (
      await conn.query<{ Id: string }>(
        `SELECT Id FROM ForecastingQuota WHERE SystemModstamp < ${past} ORDER BY Id DESC LIMIT 1`,
      )
    ).records;
    await conn.sobject('ForecastingQuota').destroy(quota.Id);
    const role = await conn.sobject('UserRole').create({ Name: 'Short-lived role', DeveloperName: 'Short_Lived' });
    const stage = await conn
      .sobject('OpportunityStage')
      .create({ MasterLabel: 'Short-lived', ApiName: 'Short-lived', SortOrder: 99, IsActive: true });
    const first = await poll();
    expect(resultOf(first, 'UserRole').changed).toBe(1);
    expect(resultOf(first, 'OpportunityStage').changed).toBe(1);
    expect(resultOf(first, 'ForecastingQuota').changed).toBe(1); // the deleted quota, IsDeleted
    await conn.sobject('UserRole').destroy(role.id!);
    await conn.sobject('OpportunityStage').destroy(stage.id!);
    // Salesforce deletes roles and stages outright; the emulator keeps them (as if in a recycle bin
    // they do not have), so take them out as Salesforce would.
    h.emulator.store.purge('UserRole', role.id!);
    h.emulator.store.purge('OpportunityStage', stage.id!);

    const results = await poll();
    expect(resultOf(results, 'UserRole')).toMatchObject({ changed: 0, deleted: 1 });
    expect(resultOf(results, 'OpportunityStage')).toMatchObject({ changed: 0, deleted: 1 });
    const deleted = await h.db.query(
      `SELECT salesforce_id FROM forecasting_quota WHERE is_deleted
       UNION ALL SELECT salesforce_id FROM user_role WHERE is_deleted
       UNION ALL SELECT salesforce_id FROM opportunity_stage WHERE is_deleted`,
    );
    expect(deleted.map((r: { salesforce_id: string }) => r.salesforce_id).sort()).toEqual(
      [quota.Id, role.id, stage.id].sort(),
    );
    await expectPolledEqualOrg();
  });

  it('polls any object configured to poll, deletes included (an org with the 5-entity CDC limit)', async () => {
    const product = h.object('Product2');
    const conn = await h.org();
    const first = await h.polling.pollObject(await h.pulse(), { ...product, changeEvents: false });
    expect(first.changed).toBe(h.emulator.store.count('Product2'));
    const [p] = (await conn.query<{ Id: string }>('SELECT Id FROM Product2 LIMIT 1')).records;
    await conn.sobject('Product2').update({ Id: p.Id, ProductCode: 'RENAMED-1' });
    const created = await conn
      .sobject('Product2')
      .create({ Name: 'Polled product', ProductCode: 'PP-1', IsActive: true });
    const [gone] = (await conn.query<{ Id: string }>(`SELECT Id FROM Product2 WHERE Id != '${p.Id}' LIMIT 1`)).records;
    await conn.sobject('Product2').destroy(gone.Id);

    const second = await h.polling.pollObject(await h.pulse(), { ...product, changeEvents: false });
    expect(second.changed).toBe(3);
    await expectMirrorEqualsOrg(h.db, h.emulator.store, [product]);
    const [row] = await h.db.query(`SELECT name FROM product WHERE salesforce_id = $1`, [created.id]);
    expect(row.name).toBe('Polled product');
  });

  it('records a failed poll (sync_error, last_error, metrics) and clears it when the next poll succeeds', async () => {
    h.emulator.faults.setApiRemaining({ remaining: 0 });
    try {
      const results = await poll();
      expect(results).toEqual([]); // every object failed
    } finally {
      h.emulator.faults.clearApiLimits();
    }
    const errors = await h.db.query(`SELECT sobject, kind, message FROM sync_error WHERE kind = 'poll' ORDER BY id`);
    expect(errors.map((e: { sobject: string }) => e.sobject)).toEqual(POLLED);
    expect(errors[0].message).toMatch(/Polling UserRole failed: .*REQUEST_LIMIT_EXCEEDED|limit/i);
    const states = await h.db.query(`SELECT last_error FROM sync_object_state WHERE sobject = ANY($1)`, [POLLED]);
    expect(states.every((s: { last_error: string | null }) => s.last_error !== null)).toBe(true);
    const exposition = await h.metrics.registry.metrics();
    expect(exposition).toMatch(/pulse_sync_errors_total\{kind="poll"\} [1-9]/);
    expect(exposition).toMatch(/pulse_sync_polls_total\{sobject="UserRole",outcome="failed"\} 1/);

    await poll();
    const cleared = await h.db.query(`SELECT last_error FROM sync_object_state WHERE sobject = ANY($1)`, [POLLED]);
    expect(cleared.every((s: { last_error: string | null }) => s.last_error === null)).toBe(true);
    await expectPolledEqualOrg();
  });
});
