// The time-based rules, run as the leader's schedule runs them (ScheduledRulesService.runOnce), on
// the demo org's own data. What should fire is computed here from the org's raw records (the
// emulator's store), independently of the backend's SQL.
import type { SObjectRecord } from '@pulse/emulator';
import { ScheduledRulesService } from '../../src/alerts/scheduled/scheduled-rules.service';
import { startAlertStack, type AlertStack } from './alert-stack';

jest.setTimeout(120_000);

const DAY_MS = 86_400_000;
const day = (value: unknown): string | null => (typeof value === 'string' ? value.slice(0, 10) : null);
const daysBefore = (date: string, n: number) => new Date(Date.parse(date) - n * DAY_MS).toISOString().slice(0, 10);

describe('time-based alert rules', () => {
  let s: AlertStack;
  let rules: ScheduledRulesService;
  const now = new Date();

  beforeAll(async () => {
    s = await startAlertStack();
    rules = s.backend.app.get(ScheduledRulesService);
  }, 90_000);

  afterAll(async () => {
    await s?.close();
  });

  const live = (sobject: string) => [...s.stream.emulator.store.scan(sobject)].filter((r) => r.IsDeleted !== true);
  const West = () => ['marco.alvarez', 'ana.souza', 'ben.carter', 'chloe.kim'].map((n) => s.userId(n));
  const East = () => ['priya.natarajan', 'david.osei', 'emma.laurent', 'farid.haddad'].map((n) => s.userId(n));

  /**
   * Open deals of `owners` whose last Task/Event (or creation) is at least `days` days before
   * `asOf`, with that last day, from the org's records.
   */
  function quietDeals(owners: string[], days: number, asOf: string): Map<string, string> {
    const touches = new Map<string, string>();
    const touch = (id: unknown, date: string | null) => {
      if (typeof id !== 'string' || !date) return;
      if (!touches.has(id) || touches.get(id)! < date) touches.set(id, date);
    };
    for (const t of live('Task')) touch(t.WhatId, day(t.ActivityDate) ?? day(t.CreatedDate));
    for (const e of live('Event')) touch(e.WhatId, day(e.ActivityDate) ?? day(e.StartDateTime) ?? day(e.CreatedDate));
    const cutoff = daysBefore(asOf, days);
    const quiet = new Map<string, string>();
    for (const o of live('Opportunity')) {
      if (o.IsClosed === true || !owners.includes(o.OwnerId as string)) continue;
      const created = day(o.CreatedDate)!;
      const activity = touches.get(o.Id);
      const last = activity && activity > created ? activity : created;
      if (last <= cutoff) quiet.set(o.Id, last);
    }
    return quiet;
  }

  it('no_activity: exactly the quiet open deals in scope, once per quiet spell; new activity ends it', async () => {
    // The demo reps are diligent today; six weeks on, with nobody logging anything, deals go quiet.
    const later = new Date(now.getTime() + 45 * DAY_MS);
    const asOf = later.toISOString().slice(0, 10);
    const chloe = s.userId('chloe.kim');
    const open = live('Opportunity').filter((o) => o.OwnerId === chloe && o.IsClosed !== true);
    expect(open.length).toBeGreaterThan(1);
    // A follow-up planned on one deal: it is not quiet.
    const planned = open[1].Id;
    const followUp = await (
      await s.stream.org()
    )
      .sobject('Task')
      .create({ Subject: 'Follow up', WhatId: planned, OwnerId: chloe, ActivityDate: daysBefore(asOf, 5) });
    expect(followUp.success).toBe(true);
    await s.caughtUp();
    const chloeSub = await s.subscribe('chloe.kim', { ruleKind: 'no_activity', params: { days: 30 } });
    const marcoSub = await s.subscribe('marco.alvarez', {
      ruleKind: 'no_activity',
      scope: 'team',
      params: { days: 40 },
    });
    await rules.runOnce(later);

    const alerted = async (sub: number) =>
      new Map((await s.outbox('subscription_id = $1', [sub])).map((r) => [r.record_id!, r.payload.lastActivity]));
    const chloeExpected = quietDeals([chloe], 30, asOf);
    const marcoExpected = quietDeals(West(), 40, asOf);
    expect(chloeExpected.size).toBeGreaterThan(0); // the rule has something to find
    expect(chloeExpected.has(planned)).toBe(false);
    expect(await alerted(chloeSub)).toEqual(chloeExpected);
    expect(await alerted(marcoSub)).toEqual(marcoExpected);
    expect(
      [...marcoExpected.keys()].some((id) => s.stream.emulator.store.get('Opportunity', id)!.OwnerId !== chloe),
    ).toBe(true);
    const chloeRow = (await s.outbox('subscription_id = $1', [chloeSub]))[0];
    const deal = s.stream.emulator.store.get('Opportunity', chloeRow.record_id!) as SObjectRecord;
    expect(chloeRow.title).toMatch(new RegExp(`^No activity for \\d+ days: ${escape(deal.Name as string)}$`));
    expect(chloeRow.body).toContain(`no task or event since ${chloeRow.payload.lastActivity}`);
    expect(chloeRow.link).toBe(`${s.stream.emulator.url}/${deal.Id}`);

    // The same day again: nothing new. Then a call logged on one deal: its quiet spell is over.
    await rules.runOnce(later);
    expect(await alerted(chloeSub)).toEqual(chloeExpected);
    const called = chloeRow.record_id!;
    const task = await (
      await s.stream.org()
    )
      .sobject('Task')
      .create({ Subject: 'Call', WhatId: called, OwnerId: chloe, ActivityDate: asOf, Status: 'Completed' });
    expect(task.success).toBe(true);
    await s.caughtUp();
    const dayAfter = new Date(later.getTime() + DAY_MS);
    await rules.runOnce(dayAfter);
    expect(await s.outbox('subscription_id = $1 AND record_id = $2', [chloeSub, called])).toHaveLength(1);
    const quietDayAfter = quietDeals([chloe], 30, dayAfter.toISOString().slice(0, 10));
    expect(quietDayAfter.has(called)).toBe(false);
    const spells = (m: Map<string, string>) => [...m].map(([id, last]) => `${id} quiet since ${last}`);
    const rows = await s.outbox('subscription_id = $1', [chloeSub]);
    const expected = new Set([...spells(chloeExpected), ...spells(quietDayAfter)]);
    expect(new Set(rows.map((r) => `${r.record_id} quiet since ${r.payload.lastActivity}`))).toEqual(expected);
    expect(rows).toHaveLength(expected.size);
  });

  it('forecast_risk: coverage of this quarter against what is left of the subscriber’s quota', async () => {
    const quarterStartMonth = Math.floor(now.getUTCMonth() / 3) * 3; // fiscal year starts in January (the default)
    const from = new Date(Date.UTC(now.getUTCFullYear(), quarterStartMonth, 1)).toISOString().slice(0, 10);
    const to = new Date(Date.UTC(now.getUTCFullYear(), quarterStartMonth + 3, 0)).toISOString().slice(0, 10);
    const inQuarter = (d: unknown) => typeof d === 'string' && d >= from && d <= to;
    const coverage = (manager: string, owners: string[]) => {
      let pipeline = 0;
      let won = 0;
      for (const o of live('Opportunity')) {
        if (!owners.includes(o.OwnerId as string) || !inQuarter(o.CloseDate)) continue;
        if (o.IsClosed !== true) pipeline += Number(o.Amount ?? 0);
        else if (o.IsWon === true) won += Number(o.Amount ?? 0);
      }
      const quota = live('ForecastingQuota')
        .filter((q) => q.QuotaOwnerId === s.userId(manager) && inQuarter(q.StartDate))
        .reduce((sum, q) => sum + Number(q.QuotaAmount), 0);
      return { pipeline, won, quota, ratio: pipeline / (quota - won) };
    };
    const west = coverage('marco.alvarez', West());
    const east = coverage('priya.natarajan', East());
    expect(west.quota - west.won).toBeGreaterThan(0); // the demo quarter is not over yet: a ratio exists
    expect(east.quota - east.won).toBeGreaterThan(0);

    // marco's bar is above his team's coverage, priya's below hers.
    const marcoSub = await s.subscribe('marco.alvarez', {
      ruleKind: 'forecast_risk',
      scope: 'team',
      params: { minCoverage: Math.ceil(west.ratio * 10 + 1) / 10 },
    });
    const priyaSub = await s.subscribe('priya.natarajan', {
      ruleKind: 'forecast_risk',
      scope: 'team',
      params: { minCoverage: Math.max(0.1, Math.floor(east.ratio * 10 - 1) / 10) },
    });
    await rules.runOnce(now);
    await rules.runOnce(now); // once a day per subscription, however often it runs

    const [alert, ...more] = await s.outbox('subscription_id = $1', [marcoSub]);
    expect(more).toEqual([]);
    expect(alert.rule_kind).toBe('forecast_risk');
    expect(alert.payload.pipeline).toBeCloseTo(west.pipeline, 2);
    expect(alert.payload.won).toBeCloseTo(west.won, 2);
    expect(alert.payload.quota).toBeCloseTo(west.quota, 2);
    expect(alert.payload.coverage).toBeCloseTo(west.ratio, 6);
    expect(alert.title).toContain(`pipeline coverage ${west.ratio.toFixed(1)}x`);
    if (east.ratio >= 0.2) expect(await s.outbox('subscription_id = $1', [priyaSub])).toEqual([]);
  });

  it('sync_unhealthy: nothing while the sync is healthy; an object in error and sync errors alert the admin', async () => {
    const admin = s.userId('integration');
    const sub = await s.subscribe('integration', { ruleKind: 'sync_unhealthy' }, { viewAll: true });
    await rules.runOnce(now);
    expect(await s.outbox('subscription_id = $1', [sub])).toEqual([]);

    // What a failing object looks like to the status API: its last error, and the error log.
    await s.stream.sql.query(
      `UPDATE sync_object_state SET last_error = 'Repairing Account failed: injected' WHERE sobject = 'Account'`,
    );
    await s.stream.sql.query(`INSERT INTO sync_error (sobject, kind, message) VALUES ('Account', 'poll', 'injected')`);
    await rules.runOnce(now);
    await rules.runOnce(now);
    const rows = await s.outbox('subscription_id = $1', [sub]);
    expect(rows).toHaveLength(1);
    expect(rows[0].user_id).toBe(admin);
    expect(rows[0].payload.problems).toEqual(['Account:error', 'errors']);
    expect(rows[0].body).toContain('Repairing Account failed: injected');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
