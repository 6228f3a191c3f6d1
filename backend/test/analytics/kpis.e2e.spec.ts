// GET /api/kpis against the demo org: every figure recomputed here, by its documented formula, from
// the org's own Opportunity, ForecastingQuota, User and UserRole records.
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
  userId,
  type OrgRows,
  type Rec,
  type Segment,
} from './history-people-org';

const DAY_MS = 86_400_000;

/** Roles above `roleId`, nearest first. */
function rolesAbove(org: OrgRows, roleId: unknown): string[] {
  const role = org.roles.find((r) => r.Id === roleId);
  const parent = role?.ParentRoleId as string | null | undefined;
  return parent ? [parent, ...rolesAbove(org, parent)] : [];
}

/** Quota of the owners in scope; a holder below another holder's role is already in that one's quota. */
function expectedQuota(org: OrgRows, owners: Set<string> | null, from: string, to: string): number | null {
  const rows = org.quotas.filter(
    (q) =>
      (!owners || owners.has(q.QuotaOwnerId as string)) &&
      (q.StartDate as string) >= from &&
      (q.StartDate as string) <= to &&
      q.QuotaAmount != null,
  );
  if (rows.length === 0) return null;
  const roleOf = (id: unknown) => org.users.find((u) => u.Id === id)?.UserRoleId;
  const holderRoles = new Set(rows.map((q) => roleOf(q.QuotaOwnerId)));
  const counted = rows.filter((q) => !rolesAbove(org, roleOf(q.QuotaOwnerId)).some((r) => holderRoles.has(r)));
  return sum(counted.map((q) => q.QuotaAmount as number));
}

function expectedKpis(org: OrgRows, seen: Set<string> | null, segment: Segment, from: string, to: string) {
  const deals = org.opportunities.filter(
    (o) =>
      (!seen || seen.has(o.OwnerId as string)) &&
      (o.CloseDate as string) >= from &&
      (o.CloseDate as string) <= to &&
      inSegment(org, o, segment),
  );
  const open = deals.filter((o) => !o.IsClosed);
  const won = deals.filter((o) => o.IsWon);
  const lost = deals.filter((o) => o.IsClosed && !o.IsWon);
  const total = (ds: Rec[]) => ({ amount: sum(ds.map(amount)), count: ds.length });
  const [o, w, l] = [total(open), total(won), total(lost)];
  const winRateByCount = w.count + l.count > 0 ? w.count / (w.count + l.count) : null;
  const averageDealSize = w.count > 0 ? w.amount / w.count : null;
  const cycles = won.map((d) => (Date.parse(d.CloseDate as string) - Date.parse(day(d.CreatedDate))) / DAY_MS);
  const averageSalesCycleDays = cycles.length > 0 ? sum(cycles) / cycles.length : null;
  const scope =
    segment.owners && seen ? new Set([...segment.owners].filter((id) => seen.has(id))) : (segment.owners ?? seen);
  const quota = expectedQuota(org, scope, from, to);
  return {
    openPipeline: o,
    weightedPipeline: sum(open.map((d) => (amount(d) * ((d.Probability as number | null) ?? 0)) / 100)),
    closedWon: w,
    closedLost: l,
    winRateByCount,
    winRateByValue: w.amount + l.amount > 0 ? w.amount / (w.amount + l.amount) : null,
    averageDealSize,
    averageSalesCycleDays,
    quota,
    pipelineCoverage: quota !== null && quota - w.amount > 0 ? o.amount / (quota - w.amount) : null,
    salesVelocity:
      winRateByCount !== null && averageDealSize !== null && averageSalesCycleDays
        ? (o.count * winRateByCount * averageDealSize) / averageSalesCycleDays
        : null,
  };
}

type Expected = ReturnType<typeof expectedKpis>;

function expectKpis(body: Expected, expected: Expected): void {
  for (const key of ['openPipeline', 'closedWon', 'closedLost'] as const) {
    expect({ key, count: body[key].count }).toEqual({ key, count: expected[key].count });
    expectMoney(body[key].amount, expected[key].amount);
  }
  expectMoney(body.weightedPipeline, expected.weightedPipeline);
  for (const key of ['quota', 'averageDealSize', 'salesVelocity'] as const) {
    if (expected[key] === null) expect({ key, value: body[key] }).toEqual({ key, value: null });
    else expectMoney(body[key]!, expected[key]!);
  }
  for (const key of ['winRateByCount', 'winRateByValue', 'averageSalesCycleDays', 'pipelineCoverage'] as const) {
    if (expected[key] === null) expect({ key, value: body[key] }).toEqual({ key, value: null });
    else expect(body[key]).toBeCloseTo(expected[key]!, 9);
  }
}

describe('GET /api/kpis', () => {
  let stack: Stack;
  let org: OrgRows;
  const tokens: Record<string, string> = {};
  const viewers = {
    rep: { username: 'ana.souza@pulse.demo', viewAll: false },
    manager: { username: 'marco.alvarez@pulse.demo', viewAll: false },
    admin: { username: 'dana.whitfield@pulse.demo', viewAll: true },
  };
  type Name = keyof typeof viewers;
  const seenBy = (name: Name) => ownersSeenBy(org, viewers[name].username, viewers[name].viewAll);
  // The last four quarters and this one: won, lost, open deals and five quarterly quotas.
  const [from, to] = [quarter(-4).from, quarter(0).to];
  const custom = `period=custom&from=${from}&to=${to}`;

  beforeAll(async () => {
    stack = await startStack();
    org = orgRows(stack);
    for (const [name, v] of Object.entries(viewers)) tokens[name] = await stack.userToken(v.username, v);
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  it.each(Object.keys(viewers) as Name[])('computes this quarter for the %s from the deals they see', async (name) => {
    const { status, body } = await stack.api('/api/kpis', tokens[name]);
    expect(status).toBe(200);
    const now = quarter(0);
    expect(body.period).toMatchObject(now);
    const expected = expectedKpis(org, seenBy(name), {}, now.from, now.to);
    expect(expected.openPipeline.count).toBeGreaterThan(0);
    expect(expected.quota).not.toBeNull();
    expectKpis(body, expected);
    expect(body.currencyIsoCode).toBe('USD');
    expect(Date.parse(body.asOf)).not.toBeNaN();
  });

  it.each(Object.keys(viewers) as Name[])('computes a custom period for the %s', async (name) => {
    const { body } = await stack.api(`/api/kpis?${custom}`, tokens[name]);
    const expected = expectedKpis(org, seenBy(name), {}, from, to);
    expect(expected.closedWon.count).toBeGreaterThan(0);
    expect(expected.closedLost.count).toBeGreaterThan(0);
    expectKpis(body, expected);
  });

  it("takes a manager's quota as their team's, not added to their reps'", async () => {
    const { body } = await stack.api(`/api/kpis?${custom}`, tokens.manager);
    const marco = userId(org, 'marco.alvarez@pulse.demo');
    const own = org.quotas.filter(
      (q) => q.QuotaOwnerId === marco && (q.StartDate as string) >= from && (q.StartDate as string) <= to,
    );
    expect(own.length).toBeGreaterThan(0);
    expectMoney(body.quota, sum(own.map((q) => q.QuotaAmount as number)));
    const ana = userId(org, 'ana.souza@pulse.demo');
    const rep = await stack.api(`/api/kpis?${custom}&ownerId=${ana}`, tokens.manager);
    expect(rep.body.quota).toBeLessThan(body.quota);
  });

  it('applies each filter, and each changes the answer', async () => {
    const all = await stack.api(`/api/kpis?${custom}`, tokens.admin);
    for (const c of filterCases(org, null)) {
      const { status, body } = await stack.api(`/api/kpis?${custom}&${c.query}`, tokens.admin);
      expect({ filter: c.name, status }).toEqual({ filter: c.name, status: 200 });
      expectKpis(body, expectedKpis(org, null, c.segment, from, to));
      expect({ filter: c.name, changed: body.closedWon.count !== all.body.closedWon.count }).toEqual({
        filter: c.name,
        changed: true,
      });
    }
  });

  it('answers null, never NaN or Infinity, where there is nothing to divide by', async () => {
    const { status, body } = await stack.api('/api/kpis?period=custom&from=2031-01-01&to=2031-03-31', tokens.rep);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      openPipeline: { amount: 0, count: 0 },
      weightedPipeline: 0,
      closedWon: { amount: 0, count: 0 },
      winRateByCount: null,
      winRateByValue: null,
      averageDealSize: null,
      averageSalesCycleDays: null,
      quota: null,
      pipelineCoverage: null,
      salesVelocity: null,
    });
  });

  it("refuses another team's owner with 403", async () => {
    const east = userId(org, 'david.osei@pulse.demo');
    expect((await stack.api(`/api/kpis?ownerId=${east}`, tokens.manager)).status).toBe(403);
    const peer = userId(org, 'ben.carter@pulse.demo');
    expect((await stack.api(`/api/kpis?ownerId=${peer}`, tokens.rep)).status).toBe(403);
    expect((await stack.api(`/api/kpis?ownerId=${east}`, tokens.admin)).status).toBe(200);
  });

  it.each([
    ['period=fortnight', 'period'],
    ['from=2026-01-01', 'from'],
    ['period=custom&to=2026-01-01', 'from'],
    ['period=custom&from=2026-01-01&to=2026-02-30', 'to'],
    ['period=custom&from=2020-01-01&to=2026-01-01', 'period'],
    ['ownerId=not-an-id', 'ownerId'],
    ['ownerId=005000000000000AAA', 'ownerId'],
    ['teamRoleId=00E', 'teamRoleId'],
    ['productId=%27%3B--', 'productId'],
    ['accountSize=huge', 'accountSize'],
    ['type=(256 characters)', 'type'],
    ['colour=blue', 'colour'],
  ])('answers ?%s with 400 naming %s', async (query, parameter) => {
    const sent = query.replace('(256 characters)', 'x'.repeat(256));
    const { status, body } = await stack.api(`/api/kpis?${sent}`, tokens.admin);
    expect(status).toBe(400);
    expect(JSON.stringify(body.message)).toContain(parameter);
  });
});
