// GET /api/pipeline/by-stage, by-owner, by-close-month and by-forecast-category against the demo
// org: every figure recomputed here from the org's own Opportunity records.
import { startStack, type Stack } from '../support/stack';
import {
  amount,
  expectMoney,
  filterCases,
  inSegment,
  orgRows,
  ownersSeenBy,
  quarter,
  sum,
  userId,
  type OrgRows,
  type Rec,
  type Segment,
} from './history-people-org';

const weighted = (o: Rec) => (amount(o) * ((o.Probability as number | null) ?? 0)) / 100;
const byName = <T>(items: T[], key: (t: T) => string) => new Map(items.map((i) => [key(i), i]));

/** The deals a viewer sees that pass the filters and close in [from, to] (no bounds: any CloseDate). */
function deals(org: OrgRows, seen: Set<string> | null, segment: Segment, from?: string, to?: string): Rec[] {
  return org.opportunities.filter(
    (o) =>
      (!seen || seen.has(o.OwnerId as string)) &&
      (!from || (o.CloseDate as string) >= from) &&
      (!to || (o.CloseDate as string) <= to) &&
      inSegment(org, o, segment),
  );
}
const open = (ds: Rec[]) => ds.filter((o) => !o.IsClosed);

function groupTotals(ds: Rec[], key: (o: Rec) => string) {
  const totals = new Map<string, { amount: number; count: number; weighted: number }>();
  for (const o of ds) {
    const t = totals.get(key(o)) ?? { amount: 0, count: 0, weighted: 0 };
    t.amount += amount(o);
    t.count += 1;
    t.weighted += weighted(o);
    totals.set(key(o), t);
  }
  return totals;
}

interface Total {
  amount: number;
  count: number;
  weighted?: number;
}

type Row = Total & Record<string, unknown>;
const field = (rows: Row[], name: string) => rows.map((r) => r[name]);

/** The answer's groups (named by `key`) with deals equal the expected groups; empty ones are checked apart. */
function expectGroups(rows: Row[], key: string, expected: Map<string, Total>) {
  const nonEmpty = rows.filter((r) => r.count > 0);
  expect(new Map(nonEmpty.map((r) => [r[key], r.count]))).toEqual(new Map([...expected].map(([k, t]) => [k, t.count])));
  for (const r of nonEmpty) {
    const e = expected.get(r[key] as string)!;
    expectMoney(r.amount, e.amount);
    if (r.weighted !== undefined) expectMoney(r.weighted, e.weighted!);
  }
}

/** Calendar months from the one holding `from` to the one holding `to`, as YYYY-MM. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let y = Number(from.slice(0, 4)), m = Number(from.slice(5, 7)); `${y}-${pad(m)}` <= to.slice(0, 7);) {
    months.push(`${y}-${pad(m)}`);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months;
}
const pad = (n: number) => String(n).padStart(2, '0');

describe('GET /api/pipeline/*', () => {
  let stack: Stack;
  let org: OrgRows;
  const tokens: Record<string, string> = {};
  const viewers = {
    rep: { username: 'ana.souza@pulse.demo', viewAll: false },
    manager: { username: 'marco.alvarez@pulse.demo', viewAll: false },
    admin: { username: 'dana.whitfield@pulse.demo', viewAll: true },
  };
  type Name = keyof typeof viewers;
  const names = Object.keys(viewers) as Name[];
  const seenBy = (name: Name) => ownersSeenBy(org, viewers[name].username, viewers[name].viewAll);
  // A year back to a year ahead: closed and open deals in every category.
  const [from, to] = [quarter(-4).from, quarter(3).to];
  const custom = `period=custom&from=${from}&to=${to}`;

  beforeAll(async () => {
    stack = await startStack();
    org = orgRows(stack);
    for (const [name, v] of Object.entries(viewers)) tokens[name] = await stack.userToken(v.username, v);
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  describe('by-stage', () => {
    it.each(names)('keeps its first meaning without a period: all the open deals the %s can see', async (name) => {
      const { status, body } = await stack.api('/api/pipeline/by-stage', tokens[name]);
      expect(status).toBe(200);
      const expected = groupTotals(open(deals(org, seenBy(name), {})), (o) => o.StageName as string);
      expect(expected.size).toBeGreaterThan(1);
      expectGroups(body.stages, 'stageName', expected);
      const openStages = org.stages
        .filter((s) => s.IsActive && !s.IsClosed)
        .sort((a, b) => (a.SortOrder as number) - (b.SortOrder as number));
      expect(field(body.stages, 'stageName')).toEqual(openStages.map((s) => s.ApiName));
      expect(body).toMatchObject({ currencyIsoCode: 'USD', includeClosed: false, period: null });
      expect(body.totals.count).toBe(sum([...expected.values()].map((t) => t.count)));
      expectMoney(body.totals.amount, sum([...expected.values()].map((t) => t.amount)));
      expect(Date.parse(body.asOf)).not.toBeNaN();
    });

    it('counts closed stages and a period when asked', async () => {
      const { body } = await stack.api(`/api/pipeline/by-stage?includeClosed=true&${custom}`, tokens.manager);
      const expected = groupTotals(deals(org, seenBy('manager'), {}, from, to), (o) => o.StageName as string);
      expect(expected.get('Closed Won')?.count).toBeGreaterThan(0);
      expectGroups(body.stages, 'stageName', expected);
      expect(body.period).toMatchObject({ from, to });
      expect(body.stages.find((s: Row) => s.stageName === 'Closed Won')).toMatchObject({
        isClosed: true,
        isWon: true,
      });
    });

    it('applies each filter, and each changes the answer', async () => {
      const all = await stack.api(`/api/pipeline/by-stage?${custom}`, tokens.admin);
      for (const c of filterCases(org, null)) {
        const { status, body } = await stack.api(`/api/pipeline/by-stage?${custom}&${c.query}`, tokens.admin);
        expect({ filter: c.name, status }).toEqual({ filter: c.name, status: 200 });
        const expected = groupTotals(open(deals(org, null, c.segment, from, to)), (o) => o.StageName as string);
        expectGroups(body.stages, 'stageName', expected);
        expect({ filter: c.name, changed: body.totals.count !== all.body.totals.count }).toEqual({
          filter: c.name,
          changed: true,
        });
      }
    });
  });

  describe('by-owner', () => {
    it.each(names)('sums the open deals closing this quarter per owner the %s can see', async (name) => {
      const { status, body } = await stack.api('/api/pipeline/by-owner', tokens[name]);
      expect(status).toBe(200);
      const now = quarter(0);
      expect(body.period).toMatchObject(now);
      const expected = groupTotals(open(deals(org, seenBy(name), {}, now.from, now.to)), (o) => o.OwnerId as string);
      expect(expected.size).toBeGreaterThan(0);
      expectGroups(body.owners, 'ownerId', expected);
      expect(body.owners).toHaveLength(expected.size);
      const users = byName(org.users, (u) => u.Id);
      for (const r of body.owners) expect(r.ownerName).toBe(users.get(r.ownerId)!.Name);
      const amounts = body.owners.map((r: { amount: number }) => r.amount);
      expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    });

    it('applies each filter over a custom period', async () => {
      for (const c of filterCases(org, null)) {
        const { body } = await stack.api(`/api/pipeline/by-owner?${custom}&${c.query}`, tokens.admin);
        const expected = groupTotals(open(deals(org, null, c.segment, from, to)), (o) => o.OwnerId as string);
        expectGroups(body.owners, 'ownerId', expected);
      }
    });
  });

  describe('by-close-month', () => {
    it.each(names)('lists every month of the period with the open deals the %s can see', async (name) => {
      const { status, body } = await stack.api(`/api/pipeline/by-close-month?${custom}`, tokens[name]);
      expect(status).toBe(200);
      expect(field(body.months, 'month')).toEqual(monthsBetween(from, to));
      const expected = groupTotals(open(deals(org, seenBy(name), {}, from, to)), (o) =>
        (o.CloseDate as string).slice(0, 7),
      );
      expectGroups(body.months, 'month', expected);
      expect(body.months.some((m: { count: number }) => m.count === 0)).toBe(true); // empty months stay
    });

    it('cuts partial months at the period and applies the filters', async () => {
      const [mid, end] = [`${quarter(0).from.slice(0, 7)}-15`, `${quarter(1).from.slice(0, 7)}-10`];
      const c = filterCases(org, null).find((f) => f.name === 'accountSize')!;
      const { body } = await stack.api(
        `/api/pipeline/by-close-month?period=custom&from=${mid}&to=${end}&${c.query}`,
        tokens.admin,
      );
      expect(field(body.months, 'month')).toEqual(monthsBetween(mid, end));
      const expected = groupTotals(open(deals(org, null, c.segment, mid, end)), (o) =>
        (o.CloseDate as string).slice(0, 7),
      );
      expectGroups(body.months, 'month', expected);
    });
  });

  describe('by-forecast-category', () => {
    it.each(names)('groups every deal the %s can see closing in the period, in forecast order', async (name) => {
      const { status, body } = await stack.api(`/api/pipeline/by-forecast-category?${custom}`, tokens[name]);
      expect(status).toBe(200);
      const order = ['Pipeline', 'Best Case', 'Commit', 'Closed', 'Omitted'];
      expect(field(body.categories, 'forecastCategory')).toEqual(order);
      const expected = groupTotals(deals(org, seenBy(name), {}, from, to), (o) => o.ForecastCategoryName as string);
      expect(expected.get('Closed')?.count).toBeGreaterThan(0);
      expectGroups(body.categories, 'forecastCategory', expected);
    });

    it('applies the filters', async () => {
      for (const c of filterCases(org, null)) {
        const { body } = await stack.api(`/api/pipeline/by-forecast-category?${custom}&${c.query}`, tokens.admin);
        const expected = groupTotals(deals(org, null, c.segment, from, to), (o) => o.ForecastCategoryName as string);
        expectGroups(body.categories, 'forecastCategory', expected);
      }
    });
  });

  const routes = ['by-stage', 'by-owner', 'by-close-month', 'by-forecast-category'];

  it.each(routes)("%s refuses another team's owner with 403", async (route) => {
    const east = userId(org, 'david.osei@pulse.demo');
    expect((await stack.api(`/api/pipeline/${route}?ownerId=${east}`, tokens.manager)).status).toBe(403);
    const peer = userId(org, 'ben.carter@pulse.demo');
    expect((await stack.api(`/api/pipeline/${route}?ownerId=${peer}`, tokens.rep)).status).toBe(403);
    expect((await stack.api(`/api/pipeline/${route}?ownerId=${east}`, tokens.admin)).status).toBe(200);
  });

  it('narrows a manager to one of their reps with ownerId', async () => {
    const ana = userId(org, 'ana.souza@pulse.demo');
    const { body } = await stack.api(`/api/pipeline/by-owner?${custom}&ownerId=${ana}`, tokens.manager);
    expect(field(body.owners, 'ownerId')).toEqual([ana]);
  });

  const badInput: [string, string][] = [
    ['period=fortnight', 'period'],
    ['from=2026-01-01', 'from'],
    ['period=custom&from=2026-01-01', 'to'],
    ['period=custom&from=2026-13-01&to=2026-12-31', 'from'],
    ['period=custom&from=2026-02-01&to=2026-01-01', 'from'],
    ['ownerId=not-an-id', 'ownerId'],
    ['teamRoleId=00E', 'teamRoleId'],
    ['productId=%27%3B--', 'productId'],
    ['accountSize=huge', 'accountSize'],
    ['colour=blue', 'colour'],
  ];
  it.each(routes.flatMap((route) => badInput.map(([query, parameter]) => [route, query, parameter])))(
    '%s answers ?%s with 400 naming %s',
    async (route, query, parameter) => {
      const { status, body } = await stack.api(`/api/pipeline/${route}?${query}`, tokens.admin);
      expect(status).toBe(400);
      expect(JSON.stringify(body.message)).toContain(parameter);
    },
  );

  it('by-stage answers a bad includeClosed with 400 naming it', async () => {
    const { status, body } = await stack.api('/api/pipeline/by-stage?includeClosed=maybe', tokens.admin);
    expect(status).toBe(400);
    expect(JSON.stringify(body.message)).toContain('includeClosed');
  });
});
