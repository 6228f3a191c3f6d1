// GET /api/activity/reps and /api/activity/cold-deals against the demo org: counts and last
// touches recomputed here from the org's Task, Event and Opportunity records.
import { startStack, type Stack } from '../support/stack';
import {
  amount,
  day,
  expectMoney,
  filterCases,
  inSegment,
  iso,
  orgRows,
  ownersSeenBy,
  quarter,
  today,
  userId,
  type OrgRows,
  type Rec,
  type Segment,
} from './history-people-org';

type Counts = { calls: number; emails: number; meetings: number; otherTasks: number; total: number };

const hasSegment = (s: Segment) => !!(s.type || s.productId || s.industry || s.accountSize);
const taskDay = (t: Rec) => (t.ActivityDate as string | null) ?? day(t.CompletedDateTime ?? t.CreatedDate);

/** Whether an activity counts for a viewer and filters: its owner, and with a segment its deal. */
function activityCounts(org: OrgRows, a: Rec, seen: Set<string> | null, s: Segment): boolean {
  if (seen && !seen.has(a.OwnerId as string)) return false;
  if (s.owners && !s.owners.has(a.OwnerId as string)) return false;
  if (!hasSegment(s)) return true;
  const deal = org.opportunities.find((o) => o.Id === a.WhatId);
  return !!deal && (!seen || seen.has(deal.OwnerId as string)) && inSegment(org, deal, { ...s, owners: undefined });
}

function expectedReps(org: OrgRows, seen: Set<string> | null, s: Segment, p: { from: string; to: string }) {
  const counts = new Map<string, Counts>();
  const bump = (owner: string, kind: keyof Counts) => {
    const c = counts.get(owner) ?? { calls: 0, emails: 0, meetings: 0, otherTasks: 0, total: 0 };
    c[kind]++;
    c.total++;
    counts.set(owner, c);
  };
  for (const t of org.tasks) {
    if (!t.IsClosed || taskDay(t) < p.from || taskDay(t) > p.to || !activityCounts(org, t, seen, s)) continue;
    const kind =
      t.TaskSubtype === 'Call' || t.Type === 'Call' ? 'calls' : t.TaskSubtype === 'Email' ? 'emails' : 'otherTasks';
    bump(t.OwnerId as string, kind);
  }
  for (const e of org.events) {
    const d = e.ActivityDate as string;
    if (d < p.from || d > p.to || d > today() || !activityCounts(org, e, seen, s)) continue;
    bump(e.OwnerId as string, 'meetings');
  }
  // Reps with open deals are listed even when silent.
  for (const o of org.opportunities) {
    const owner = o.OwnerId as string;
    const user = org.users.find((u) => u.Id === owner);
    if (o.IsClosed || !user?.IsActive || (seen && !seen.has(owner)) || (s.owners && !s.owners.has(owner))) continue;
    if (!counts.has(owner)) counts.set(owner, { calls: 0, emails: 0, meetings: 0, otherTasks: 0, total: 0 });
  }
  return counts;
}

function expectReps(body: { reps: (Counts & { userId: string })[]; totals: Counts }, expected: Map<string, Counts>) {
  const actual = new Map(
    body.reps.map(({ userId: id, calls, emails, meetings, otherTasks, total }) => [
      id,
      { calls, emails, meetings, otherTasks, total },
    ]),
  );
  expect(actual).toEqual(expected);
  for (let i = 1; i < body.reps.length; i++) expect(body.reps[i].total).toBeLessThanOrEqual(body.reps[i - 1].total);
  expect(body.totals.total).toBe([...expected.values()].reduce((n, c) => n + c.total, 0));
}

/** Open deals closing in the period, quiet (no completed Task, past Event or LastActivityDate) for `days`. */
function expectedCold(
  org: OrgRows,
  seen: Set<string> | null,
  s: Segment,
  p: { from: string; to: string },
  days: number,
) {
  const now = today();
  const cutoff = iso(new Date(Date.parse(now) - days * 86_400_000));
  const touches = new Map<string, string>();
  const touch = (id: string, d: string | null | undefined) => {
    if (d && d <= now && d > (touches.get(id) ?? '')) touches.set(id, d);
  };
  for (const t of org.tasks)
    if (t.IsClosed && (!seen || seen.has(t.OwnerId as string))) touch(t.WhatId as string, taskDay(t));
  for (const e of org.events)
    if (!seen || seen.has(e.OwnerId as string)) touch(e.WhatId as string, e.ActivityDate as string);
  return org.opportunities
    .filter((o) => !o.IsClosed && (!seen || seen.has(o.OwnerId as string)) && inSegment(org, o, s))
    .filter((o) => (o.CloseDate as string) >= p.from && (o.CloseDate as string) <= p.to)
    .map((o) => {
      touch(o.Id, o.LastActivityDate as string | null);
      const last = touches.get(o.Id) ?? null;
      return { o, last, quiet: last ?? day(o.CreatedDate) };
    })
    .filter((d) => d.quiet <= cutoff)
    .sort((a, b) =>
      a.quiet < b.quiet ? -1 : a.quiet > b.quiet ? 1 : amount(b.o) - amount(a.o) || (a.o.Id < b.o.Id ? -1 : 1),
    )
    .map(({ o, last, quiet }) => ({
      opportunityId: o.Id,
      ownerId: o.OwnerId,
      amount: o.Amount,
      lastTouchDate: last,
      daysWithoutActivity: (Date.parse(now) - Date.parse(quiet)) / 86_400_000,
    }));
}

describe('GET /api/activity', () => {
  let stack: Stack;
  let org: OrgRows;
  const tokens: Record<string, string> = {};
  const viewers = {
    rep: { username: 'chloe.kim@pulse.demo', viewAll: false }, // ramping: stale deals
    manager: { username: 'priya.natarajan@pulse.demo', viewAll: false },
    admin: { username: 'integration@pulse.demo', viewAll: true },
  };
  const names = Object.keys(viewers) as (keyof typeof viewers)[];
  const seenBy = (name: keyof typeof viewers) => ownersSeenBy(org, viewers[name].username, viewers[name].viewAll);

  beforeAll(async () => {
    stack = await startStack();
    org = orgRows(stack);
    for (const [name, v] of Object.entries(viewers)) tokens[name] = await stack.userToken(v.username, v);
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  describe('reps', () => {
    it.each(names)('counts the calls, emails and meetings the %s can see, per rep', async (name) => {
      const { status, body } = await stack.api('/api/activity/reps', tokens[name]);
      expect(status).toBe(200);
      expect(body.period).toMatchObject(quarter(0));
      const expected = expectedReps(org, seenBy(name), {}, quarter(0));
      expectReps(body, expected);
      if (name !== 'rep') {
        expect(body.totals.calls).toBeGreaterThan(0);
        expect(body.totals.emails).toBeGreaterThan(0);
        expect(body.totals.meetings).toBeGreaterThan(0);
      }
    });

    it('lists only the rep for a rep, the team for a manager', async () => {
      const rep = await stack.api('/api/activity/reps', tokens.rep);
      expect(rep.body.reps.map((r: { userId: string }) => r.userId)).toEqual([userId(org, viewers.rep.username)]);
      const manager = await stack.api('/api/activity/reps', tokens.manager);
      const east = ['david.osei', 'emma.laurent', 'farid.haddad'].map((u) => userId(org, `${u}@pulse.demo`));
      expect(manager.body.reps.map((r: { userId: string }) => r.userId).sort()).toEqual(east.sort());
    });

    it('applies the period and each filter, and each changes the answer', async () => {
      const all = await stack.api('/api/activity/reps', tokens.admin);
      const last = await stack.api('/api/activity/reps?period=last_quarter', tokens.admin);
      expectReps(last.body, expectedReps(org, null, {}, quarter(-1)));
      expect(last.body.totals).not.toEqual(all.body.totals);
      for (const c of filterCases(org, null)) {
        const { status, body } = await stack.api(`/api/activity/reps?${c.query}`, tokens.admin);
        expect({ filter: c.name, status }).toEqual({ filter: c.name, status: 200 });
        expectReps(body, expectedReps(org, null, c.segment, quarter(0)));
        expect({ filter: c.name, changed: JSON.stringify(body.reps) !== JSON.stringify(all.body.reps) }).toEqual({
          filter: c.name,
          changed: true,
        });
      }
    });
  });

  describe('cold deals', () => {
    const year = `period=this_year`;

    it.each(names)('lists the open deals the %s can see that nobody has touched for 7 days', async (name) => {
      // Two years back to a year ahead: stale deals left past their close date are cold too.
      const wide = { from: quarter(-8).from, to: quarter(4).to };
      const query = `period=custom&from=${wide.from}&to=${wide.to}&days=7&limit=200`;
      const { status, body } = await stack.api(`/api/activity/cold-deals?${query}`, tokens[name]);
      expect(status).toBe(200);
      const expected = expectedCold(org, seenBy(name), {}, wide, 7);
      expect(expected.length).toBeGreaterThan(0);
      expect(body.total).toBe(expected.length);
      expect(body.days).toBe(7);
      expect(body.deals).toMatchObject(expected.slice(0, 200));
      expectMoney(
        body.totals.amount,
        expected.reduce((n, d) => n + ((d.amount as number | null) ?? 0), 0),
      );
      for (const d of body.deals) expect(d.ownerName).toEqual(expect.any(String));
    });

    it('pages like a list: limit, offset and a total for all pages', async () => {
      const whole = await stack.api(`/api/activity/cold-deals?${year}&days=7&limit=200`, tokens.admin);
      const page = await stack.api(`/api/activity/cold-deals?${year}&days=7&limit=5&offset=5`, tokens.admin);
      expect(page.body).toMatchObject({ total: whole.body.total, limit: 5, offset: 5 });
      expect(page.body.deals).toEqual(whole.body.deals.slice(5, 10));
      const beyond = await stack.api(`/api/activity/cold-deals?${year}&days=7&offset=100000`, tokens.admin);
      expect(beyond.body).toMatchObject({ total: whole.body.total, deals: [] });
    });

    it('applies days, the period and each filter, and each changes the answer', async () => {
      const ytd = { from: `${today().slice(0, 4)}-01-01`, to: `${today().slice(0, 4)}-12-31` };
      const base = await stack.api(`/api/activity/cold-deals?${year}&limit=200`, tokens.admin);
      const longer = await stack.api(`/api/activity/cold-deals?${year}&days=60&limit=200`, tokens.admin);
      expect(longer.body.total).toBe(expectedCold(org, null, {}, ytd, 60).length);
      expect(longer.body.total).toBeLessThan(base.body.total);
      const next = await stack.api('/api/activity/cold-deals?period=next_quarter&limit=200', tokens.admin);
      expect(next.body.total).toBe(expectedCold(org, null, {}, quarter(1), 14).length);
      expect(next.body.total).not.toBe(base.body.total);
      for (const c of filterCases(org, null)) {
        const { body } = await stack.api(`/api/activity/cold-deals?${year}&limit=200&${c.query}`, tokens.admin);
        const expected = expectedCold(org, null, c.segment, ytd, 14);
        expect({ filter: c.name, ids: body.deals.map((d: { opportunityId: string }) => d.opportunityId) }).toEqual({
          filter: c.name,
          ids: expected.map((d) => d.opportunityId),
        });
        expect({ filter: c.name, changed: body.total !== base.body.total }).toEqual({ filter: c.name, changed: true });
      }
    });
  });

  it("refuses another team's owner with 403", async () => {
    const west = userId(org, 'ana.souza@pulse.demo');
    expect((await stack.api(`/api/activity/reps?ownerId=${west}`, tokens.manager)).status).toBe(403);
    expect((await stack.api(`/api/activity/cold-deals?ownerId=${west}`, tokens.rep)).status).toBe(403);
  });

  it.each([
    ['reps?period=someday', 'period'],
    ['reps?ownerId=1', 'ownerId'],
    ['reps?days=3', 'days'],
    ['cold-deals?days=0', 'days'],
    ['cold-deals?days=366', 'days'],
    ['cold-deals?days=1.5', 'days'],
    ['cold-deals?days=soon', 'days'],
    ['cold-deals?limit=0', 'limit'],
    ['cold-deals?limit=201', 'limit'],
    ['cold-deals?offset=-1', 'offset'],
    ['cold-deals?industry=' + 'x'.repeat(300), 'industry'],
  ])('answers %s with 400 naming %s', async (query, parameter) => {
    const { status, body } = await stack.api(`/api/activity/${query}`, tokens.admin);
    expect(status).toBe(400);
    expect(JSON.stringify(body.message)).toContain(parameter);
  });
});
