// GET /api/pipeline/funnel against the demo org: every count recomputed here from the org's own
// Opportunity and OpportunityHistory records.
import { startStack, type Stack } from '../support/stack';
import {
  amount,
  day,
  expectMoney,
  filterCases,
  inSegment,
  orgRows,
  ownersSeenBy,
  quarter,
  sum,
  today,
  userId,
  type OrgRows,
  type Rec,
  type Segment,
} from './history-people-org';

interface Step {
  stageName: string;
  count: number;
  amount: number;
  conversionFromPrevious: number | null;
  conversionToWon: number | null;
}

/** The funnel by its stated convention: skipped stages count as passed; won deals passed every open stage. */
function expectedFunnel(org: OrgRows, seen: Set<string> | null, segment: Segment, from: string, to: string) {
  const stages = org.stages.filter((s) => s.IsActive).sort((a, b) => (a.SortOrder as number) - (b.SortOrder as number));
  const order = new Map(org.stages.map((s) => [s.ApiName as string, s]));
  const deals = org.opportunities.filter(
    (o) =>
      (!seen || seen.has(o.OwnerId as string)) &&
      day(o.CreatedDate) >= from &&
      day(o.CreatedDate) <= to &&
      inSegment(org, o, segment),
  );
  const furthest = new Map<string, number>();
  const reach = (id: string, stageName: unknown) => {
    const stage = order.get(stageName as string);
    if (!stage || stage.IsClosed) return;
    furthest.set(id, Math.max(furthest.get(id) ?? -Infinity, stage.SortOrder as number));
  };
  const ids = new Set(deals.map((d) => d.Id));
  for (const h of org.history) if (ids.has(h.OpportunityId as string)) reach(h.OpportunityId as string, h.StageName);
  for (const d of deals) reach(d.Id, d.StageName);
  const won = deals.filter((d) => d.IsWon);
  const reached = (stage: Rec) =>
    stage.IsWon
      ? won
      : stage.IsClosed
        ? null
        : deals.filter((d) => d.IsWon || (furthest.get(d.Id) ?? -Infinity) >= (stage.SortOrder as number));
  const steps = stages.flatMap((s) => {
    const ds = reached(s);
    return ds ? [{ stageName: s.ApiName, count: ds.length, amount: sum(ds.map(amount)) }] : [];
  });
  return {
    created: deals.length,
    won: won.length,
    lost: deals.filter((d) => d.IsClosed && !d.IsWon).length,
    open: deals.filter((d) => !d.IsClosed).length,
    steps,
  };
}

function expectFunnel(
  body: { created: { count: number }; won: { count: number }; steps: Step[] },
  expected: ReturnType<typeof expectedFunnel>,
) {
  expect(body.created.count).toBe(expected.created);
  expect(body.won.count).toBe(expected.won);
  expect(body.steps.map((s) => [s.stageName, s.count])).toEqual(expected.steps.map((s) => [s.stageName, s.count]));
  body.steps.forEach((s, i) => expectMoney(s.amount, expected.steps[i].amount));
}

describe('GET /api/pipeline/funnel', () => {
  let stack: Stack;
  let org: OrgRows;
  const tokens: Record<string, string> = {};
  const viewers = {
    rep: { username: 'ana.souza@pulse.demo', viewAll: false },
    manager: { username: 'marco.alvarez@pulse.demo', viewAll: false },
    admin: { username: 'integration@pulse.demo', viewAll: true },
  };
  // Two quarters back to today: enough deals created to fill every stage.
  const from = quarter(-2).from;
  const to = today();
  const custom = `period=custom&from=${from}&to=${to}`;

  beforeAll(async () => {
    stack = await startStack();
    org = orgRows(stack);
    for (const [name, v] of Object.entries(viewers)) tokens[name] = await stack.userToken(v.username, v);
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  it.each(Object.keys(viewers) as (keyof typeof viewers)[])(
    'counts what the %s can see, stage by stage, as the org history says',
    async (name) => {
      const { username, viewAll } = viewers[name];
      const { status, body } = await stack.api(`/api/pipeline/funnel?${custom}`, tokens[name]);
      expect(status).toBe(200);
      const expected = expectedFunnel(org, ownersSeenBy(org, username, viewAll), {}, from, to);
      expect(expected.created).toBeGreaterThan(0);
      expectFunnel(body, expected);
      expect(body.lost.count).toBe(expected.lost);
      expect(body.open.count).toBe(expected.open);
      expect(body.period).toMatchObject({ from, to });
      expect(body.convention).toMatch(/skipped stages count as passed/);
    },
  );

  it('never grows down the funnel, and its ratios follow from its counts', async () => {
    for (const name of Object.keys(viewers)) {
      const { body } = await stack.api(`/api/pipeline/funnel?${custom}`, tokens[name]);
      const steps: Step[] = body.steps;
      expect(steps.at(-1)!.stageName).toBe('Closed Won');
      expect(steps).toHaveLength(9); // eight open stages and Closed Won
      for (let i = 1; i < steps.length; i++) {
        expect(steps[i].count).toBeLessThanOrEqual(steps[i - 1].count);
        expect(steps[i].conversionFromPrevious).toBeCloseTo(steps[i].count / steps[i - 1].count, 10);
      }
      expect(steps[0].conversionFromPrevious).toBeNull();
      for (const s of steps) expect(s.conversionToWon).toBeCloseTo(body.won.count / s.count, 10);
      expect(body.winRate).toBeCloseTo(body.won.count / (body.won.count + body.lost.count), 10);
    }
  });

  it('takes the period from the filters: this quarter by default, by CreatedDate', async () => {
    const [now, last] = [quarter(0), quarter(-1)];
    const byDefault = await stack.api('/api/pipeline/funnel', tokens.admin);
    expect(byDefault.body.period).toMatchObject(now);
    expectFunnel(byDefault.body, expectedFunnel(org, null, {}, now.from, now.to));
    const lastQuarter = await stack.api('/api/pipeline/funnel?period=last_quarter', tokens.admin);
    expectFunnel(lastQuarter.body, expectedFunnel(org, null, {}, last.from, last.to));
    expect(lastQuarter.body.created.count).not.toBe(byDefault.body.created.count);
  });

  it('applies each filter, and each changes the answer', async () => {
    const all = await stack.api(`/api/pipeline/funnel?${custom}`, tokens.admin);
    for (const c of filterCases(org, null)) {
      const { status, body } = await stack.api(`/api/pipeline/funnel?${custom}&${c.query}`, tokens.admin);
      expect({ filter: c.name, status }).toEqual({ filter: c.name, status: 200 });
      expectFunnel(body, expectedFunnel(org, null, c.segment, from, to));
      expect({ filter: c.name, changed: body.created.count !== all.body.created.count }).toEqual({
        filter: c.name,
        changed: true,
      });
    }
  });

  it("refuses another team's owner with 403", async () => {
    const east = userId(org, 'david.osei@pulse.demo');
    expect((await stack.api(`/api/pipeline/funnel?ownerId=${east}`, tokens.manager)).status).toBe(403);
    const peer = userId(org, 'ben.carter@pulse.demo');
    expect((await stack.api(`/api/pipeline/funnel?ownerId=${peer}`, tokens.rep)).status).toBe(403);
    expect((await stack.api(`/api/pipeline/funnel?ownerId=${east}`, tokens.admin)).status).toBe(200);
  });

  it.each([
    ['period=fortnight', 'period'],
    ['from=2026-01-01', 'from'],
    ['period=custom&from=2026-13-01&to=2026-12-31', 'from'],
    ['period=custom&from=2026-02-01&to=2026-01-01', 'from'],
    ['ownerId=not-an-id', 'ownerId'],
    ['teamRoleId=00E', 'teamRoleId'],
    ['productId=%27%3B--', 'productId'],
    ['accountSize=huge', 'accountSize'],
    ['colour=blue', 'colour'],
  ])('answers ?%s with 400 naming %s', async (query, parameter) => {
    const { status, body } = await stack.api(`/api/pipeline/funnel?${query}`, tokens.admin);
    expect(status).toBe(400);
    expect(JSON.stringify(body.message)).toContain(parameter);
  });
});
