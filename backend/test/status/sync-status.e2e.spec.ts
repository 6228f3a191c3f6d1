// GET /api/sync/status, POST /api/sync/reconcile and /metrics on the whole backend: the values
// match the mirror and the org, the verdict follows what happens, and both are protected.
import type { SObjectRecord } from '@pulse/emulator';
import { createApp } from '../../src/app.factory';
import { SalesforceConnection } from '../../src/salesforce/salesforce-connection.service';
import { LoadProgressBoard } from '../../src/sync/status/load-progress-board';
import { eventually } from '../support/eventually';
import { expectMirrorEqualsOrg } from '../support/mirror-equals-org';
import { startAppStack, type Answer, type AppStack } from './app-stack';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
const POLLED = ['UserRole', 'OpportunityStage', 'OpportunityHistory', 'ForecastingQuota'];
const live = (records: Iterable<SObjectRecord>) => [...records].filter((r) => r.IsDeleted !== true);

jest.setTimeout(60_000); // the waits below are for the sync's own schedules, not speed claims

describe('sync status API and metrics (whole backend)', () => {
  let s: AppStack;
  let token: string;
  const status = async () => {
    const { status: code, body } = await s.request('/api/sync/status', { token });
    expect(code).toBe(200);
    return body;
  };
  const objectOf = (body: { objects: { sobject: string }[] }, sobject: string) =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON answer
    body.objects.find((o) => o.sobject === sobject) as any;

  beforeAll(async () => {
    s = await startAppStack({ PULSE_METRICS_TOKEN: METRICS_TOKEN, POLL_INTERVAL_SECONDS: '1' });
    token = await s.userToken();
  }, 120_000);

  afterAll(async () => {
    await s?.close();
  });

  it('refuses requests without a valid user token (401)', async () => {
    expect((await s.request('/api/sync/status')).status).toBe(401);
    expect((await s.request('/api/sync/status', { token: 'not-a-token' })).status).toBe(401);
    const reconcile = await s.request('/api/sync/reconcile', { method: 'POST' });
    expect(reconcile.status).toBe(401);
  });

  it('reports a trustworthy, streaming mirror whose counts are the mirror’s and the org’s', async () => {
    const body = await eventually(async () => {
      const b = await status();
      expect(b.trustworthy).toBe(true); // once every polled object has been polled
      return b;
    }, 20_000);
    expect(body).toMatchObject({
      state: 'streaming',
      leader: { thisInstance: true, held: true },
      reasons: [],
      verdict: expect.stringMatching(/^Trustworthy/),
    });
    expect(body.objects.map((o: { sobject: string }) => o.sobject)).toEqual(
      s.config.sync.objects.map((o) => o.sobject),
    );
    await expectMirrorEqualsOrg(s.db, s.emulator.store, s.config.sync.objects);

    for (const object of s.config.sync.objects) {
      const o = objectOf(body, object.sobject);
      const [mirror] = await s.db.query(
        `SELECT count(*) FILTER (WHERE NOT is_deleted)::int AS live, count(*) FILTER (WHERE is_deleted)::int AS deleted,
                max(system_modstamp) AS newest FROM ${object.table}`,
      );
      expect({ sobject: o.sobject, live: o.liveRows, deleted: o.deletedRows }).toEqual({
        sobject: object.sobject,
        live: mirror.live,
        deleted: mirror.deleted,
      });
      expect(o.liveRows).toBe(live(s.emulator.store.scan(object.sobject)).length);
      expect(o.mode).toBe(POLLED.includes(object.sobject) ? 'poll' : 'stream');
      expect(o.state).toBe(POLLED.includes(object.sobject) ? 'polling' : 'streaming');
      expect(o.lastError).toBeNull();
      expect(o.load).toBeNull();
      expect(Date.parse(o.lastChangeAt)).toBe(mirror.newest.getTime());
      // Lag: the answer's own clock minus the newest change, in tenths of a second (never below 0:
      // the demo org stamps a few records seconds ahead of its clock).
      expect(o.lagSeconds).toBeCloseTo(Math.max(0, (Date.parse(body.checkedAt) - mirror.newest.getTime()) / 1000), 1);
      if (o.mode === 'poll') expect(Date.parse(body.checkedAt) - Date.parse(o.lastPolledAt)).toBeLessThan(60_000);
    }
  });

  it('polls on the leader’s schedule: a stage changed in the org reaches the mirror', async () => {
    const conn = await s.org();
    const [stage] = (
      await conn.query<{ Id: string }>("SELECT Id FROM OpportunityStage WHERE ApiName = 'Qualification'")
    ).records;
    await conn.sobject('OpportunityStage').update({ Id: stage.Id, MasterLabel: 'Qualifying' });
    await eventually(async () => {
      const [row] = await s.db.query(`SELECT master_label FROM opportunity_stage WHERE salesforce_id = $1`, [stage.Id]);
      expect(row.master_label).toBe('Qualifying');
    }, 10_000);
    await expectMirrorEqualsOrg(s.db, s.emulator.store, [
      s.config.sync.objects.find((o) => o.sobject === 'OpportunityStage')!,
    ]);
  });

  it('moves lastChangeAt to the commit of a streamed change, and lag is now minus that', async () => {
    const conn = await s.org();
    const [deal] = (
      await conn.query<{ Id: string }>("SELECT Id FROM Opportunity WHERE StageName = 'Prospecting' LIMIT 1")
    ).records;
    // The demo org stamps a few records seconds ahead of its clock: change after the newest of them.
    const stampOf = (o: Record<string, unknown>) => Date.parse(String(o.SystemModstamp).replace('+0000', 'Z'));
    const newest = Math.max(...[...s.emulator.store.scan('Opportunity')].map(stampOf));
    const ahead = newest - s.emulator.store.clock();
    if (ahead >= 0) await new Promise((resolve) => setTimeout(resolve, ahead + 50));
    await conn.sobject('Opportunity').update({ Id: deal.Id, Amount: 31_337 });
    const committed = Date.parse(
      String(s.emulator.store.get('Opportunity', deal.Id)!.SystemModstamp).replace('+0000', 'Z'),
    );

    const body = await eventually(async () => {
      const b = await status();
      expect(Date.parse(objectOf(b, 'Opportunity').lastChangeAt)).toBe(committed);
      return b;
    });
    const opportunity = objectOf(body, 'Opportunity');
    expect(opportunity.lagSeconds).toBeCloseTo((Date.parse(body.checkedAt) - committed) / 1000, 1);
    expect(Date.parse(body.lastChangeAt)).toBeGreaterThanOrEqual(committed);
    expect(body.lagSeconds).toBeCloseTo(
      Math.max(0, (Date.parse(body.checkedAt) - Date.parse(body.lastChangeAt)) / 1000),
      1,
    );
  }, 40_000);

  it('reconciles on demand, shows the last run per object, and stays trustworthy after repairing drift', async () => {
    const [victim] = live(s.emulator.store.scan('Opportunity'));
    s.emulator.store.purge('Opportunity', victim.Id); // a hard delete no event announces

    const bad = await s.request('/api/sync/reconcile', {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sobjects: ['Opportunity', 'Lead'] }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/Not mirrored: Lead/);

    const run = await s.request('/api/sync/reconcile', {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sobjects: ['Opportunity'] }),
    });
    expect(run.status).toBe(200);
    expect(run.body).toEqual([
      expect.objectContaining({
        sobject: 'Opportunity',
        repaired: 1,
        hardDeleted: [victim.Id],
        error: null,
        skipped: null,
      }),
    ]);

    const body = await status();
    const last = objectOf(body, 'Opportunity').lastReconciliation;
    expect(last).toMatchObject({ repaired: 1, hardDeleted: 1, changed: 0, missing: 0, error: null });
    expect(last.orgCount).toBe(live(s.emulator.store.scan('Opportunity')).length);
    expect(last.mirrorCount).toBe(last.orgCount + 1); // before the repair
    expect(objectOf(body, 'Opportunity').liveRows).toBe(last.orgCount);
    expect(body.trustworthy).toBe(true);
    expect(body.notes.join(' ')).toMatch(/reconciliation repaired 1 drifted row\(s\) of Opportunity/);
  });

  it('turns untrustworthy while polling fails, lists the errors, and recovers', async () => {
    s.emulator.faults.setApiRemaining({ remaining: 0 });
    let failing;
    try {
      failing = await eventually(async () => {
        const b = await status();
        expect(b.trustworthy).toBe(false);
        expect(objectOf(b, 'ForecastingQuota').state).toBe('error');
        // The error row is written just after the object's state: wait for both.
        expect(b.recentErrors).toEqual(
          expect.arrayContaining([expect.objectContaining({ kind: 'poll', sobject: 'ForecastingQuota' })]),
        );
        return b;
      });
    } finally {
      s.emulator.faults.clearApiLimits();
    }
    expect(failing.verdict).toMatch(/^Not trustworthy now: .*ForecastingQuota/);
    expect(objectOf(failing, 'ForecastingQuota').lastError).toMatch(/Polling ForecastingQuota failed/);

    const recovered = await eventually(async () => {
      const b = await status();
      expect(b.trustworthy).toBe(true);
      return b;
    }, 20_000);
    expect(recovered.notes.join(' ')).toMatch(/sync error\(s\) in the last hour/);
  });

  it('shows a load in progress as the loader reports it, and distrusts the object meanwhile', async () => {
    const board = s.app.get(LoadProgressBoard);
    await s.db.query(`UPDATE sync_object_state SET state = 'loading', records_loaded = 250 WHERE sobject = 'Event'`);
    try {
      let body = await status();
      // Before the loader's first report (or loading in another instance): what its committed pages say.
      expect(objectOf(body, 'Event')).toMatchObject({
        state: 'loading',
        load: { records: 250, total: null, recordsPerSecond: null, etaSeconds: null },
      });
      board.record({ sobject: 'Event', loaded: 400, total: 980, recordsPerSecond: 1234.4, etaSeconds: 0.47 });
      body = await status();
      expect(objectOf(body, 'Event')).toMatchObject({
        state: 'loading',
        load: { records: 400, total: 980, recordsPerSecond: 1234, etaSeconds: 0 },
      });
      expect(body.trustworthy).toBe(false);
      expect(body.reasons).toContain('Event is loading');
    } finally {
      board.clear('Event');
      await s.db.query(`UPDATE sync_object_state SET state = 'loaded' WHERE sobject = 'Event'`);
    }
    expect(objectOf(await status(), 'Event').load).toBeNull();
  });

  it('answers the same from a standby instance, which reads the shared state', async () => {
    const standby = await createApp(s.config, { url: s.database.url, ssl: false });
    try {
      await standby.listen(0, '127.0.0.1');
      const url = await standby.getUrl();
      // A standby never streams, so it has not signed in yet: the guard signs in to learn the org id.
      expect(standby.get(SalesforceConnection).orgId).toBeUndefined();
      const body = await eventually(async () => {
        const response = await fetch(`${url}/api/sync/status`, { headers: { authorization: `Bearer ${token}` } });
        expect(response.status).toBe(200);
        const b: Answer['body'] = await response.json();
        expect(b.state).toBe('standby');
        // Right after the previous test's recovery the next poll may still be due.
        expect(b.trustworthy).toBe(true);
        return b;
      }, 20_000);
      expect(body.leader).toMatchObject({ thisInstance: false, held: true, holder: s.sync.status.instance });
      expect(objectOf(body, 'Opportunity').state).toBe('loaded');
      expect(objectOf(body, 'UserRole').state).toBe('polling');
      const leader = await status();
      for (const o of leader.objects) expect(objectOf(body, o.sobject).liveRows).toBe(o.liveRows);
    } finally {
      await standby.close();
    }
  });

  it('serves Prometheus metrics only with the metrics token', async () => {
    expect((await s.request('/metrics')).status).toBe(401);
    expect((await s.request('/metrics', { token: 'wrong-token-wrong-token-123' })).status).toBe(401);
    expect((await s.request('/metrics', { token })).status).toBe(401); // a user token is not the metrics token

    const { status: code, text, headers } = await s.request('/metrics', { token: METRICS_TOKEN });
    expect(code).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(text).toMatch(/^pulse_sync_events_applied_total\{sobject="Opportunity",change_type="UPDATE"\} [1-9]/m);
    expect(text).toMatch(/^pulse_sync_lag_seconds \d/m);
    expect(text).toMatch(/^pulse_sync_batch_events_count [1-9]/m);
    expect(text).toMatch(/^pulse_sync_errors_total\{kind="poll"\} [1-9]/m);
    expect(text).toMatch(/^pulse_sync_records_loaded_total\{sobject="Opportunity",source="reconcile"\} 1/m);
    expect(text).toMatch(/^pulse_sync_last_poll_timestamp_seconds\{sobject="UserRole"\} \d/m);
    expect(text).toMatch(/^pulse_sync_reconciliation_repaired_total\{sobject="Opportunity",kind="hard_deleted"\} 1/m);
    expect(text).toMatch(/^pulse_process_resident_memory_bytes \d/m);
  });

  it('documents the routes in OpenAPI with their schemas', async () => {
    const { body } = await s.request('/docs-json');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/sync/status', '/api/sync/reconcile', '/metrics']),
    );
    const schema = body.components.schemas.SyncStatusDto;
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['state', 'trustworthy', 'verdict', 'reasons', 'objects', 'recentErrors', 'lagSeconds']),
    );
    expect(body.components.schemas.SyncObjectStatusDto.properties.lagSeconds.example).toBe(1.4);
  });
});
