// GET /api/forecast/categories against the demo org: every figure recomputed here from the org's
// own Opportunity, OpportunityStage, ForecastingQuota, User and UserRole records. And the three
// forecast routes in the OpenAPI document.
import type { SObjectRecord } from '@pulse/emulator';
import { startStack, type Stack } from '../support/stack';
import { calendarQuarter, iso, live } from './support/org-deals';

let stack: Stack;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  stack = await startStack();
  for (const name of ['dana.whitfield', 'marco.alvarez', 'ana.souza', 'david.osei']) {
    tokens[name] = await stack.userToken(`${name}@pulse.demo`);
    ids[name] = stack.emulator.demo!.userIdsByUsername.get(`${name}@pulse.demo`)!;
  }
  tokens.admin = await stack.userToken('integration@pulse.demo', { viewAll: true });
}, 120_000);
afterAll(() => stack?.close());

interface Figures {
  closed: number;
  commit: number;
  bestCase: number;
  pipeline: number;
  omitted: number;
  quota: number | null;
}

/** Per owner, for CloseDate (quota: StartDate) in [from, to], straight from the org's records. */
function expectedByOwner(from: string, to: string): Map<string, Figures> {
  const { store } = stack.emulator;
  const stageCategory = new Map(live(store, 'OpportunityStage').map((s) => [s.ApiName, s.ForecastCategoryName]));
  const byOwner = new Map<string, Figures>();
  const of = (id: string) => {
    if (!byOwner.has(id)) byOwner.set(id, { closed: 0, commit: 0, bestCase: 0, pipeline: 0, omitted: 0, quota: null });
    return byOwner.get(id)!;
  };
  for (const o of live(store, 'Opportunity')) {
    const close = o.CloseDate as string;
    if (close < from || close > to || (o.IsClosed && !o.IsWon)) continue;
    const figures = of(o.OwnerId as string);
    const amount = (o.Amount as number) ?? 0;
    const category = o.IsWon ? 'Closed' : ((o.ForecastCategoryName ?? stageCategory.get(o.StageName)) as string);
    const field =
      { Closed: 'closed', Commit: 'commit', 'Best Case': 'bestCase', Omitted: 'omitted' }[category] ?? 'pipeline';
    figures[field as 'closed'] += amount;
  }
  for (const q of live(store, 'ForecastingQuota')) {
    const start = q.StartDate as string;
    if (start < from || start > to) continue;
    const figures = of(q.QuotaOwnerId as string);
    figures.quota = (figures.quota ?? 0) + (q.QuotaAmount as number);
  }
  return byOwner;
}

const thisQuarter = () => {
  const q = calendarQuarter(Math.floor(Date.now() / 86_400_000));
  return { from: iso(q.from), to: iso(q.to) };
};

function expectFigures(actual: Record<string, number | null>, expected: Figures): void {
  for (const key of ['closed', 'commit', 'bestCase', 'pipeline', 'omitted'] as const) {
    expect(actual[key]).toBeCloseTo(expected[key], 2);
  }
  expect(actual.quota === null ? null : Math.round(actual.quota)).toEqual(
    expected.quota === null ? null : Math.round(expected.quota),
  );
  expect(actual.commitForecast).toBeCloseTo(expected.closed + expected.commit, 2);
  expect(actual.bestCaseForecast).toBeCloseTo(expected.closed + expected.commit + expected.bestCase, 2);
  expect(actual.openPipeline).toBeCloseTo(expected.commit + expected.bestCase + expected.pipeline, 2);
  expect(actual.closedOnly).toBeCloseTo(expected.closed, 2);
}

describe('GET /api/forecast/categories', () => {
  it("gives every user's amounts per category and cumulative, against quota, as the org's records add up", async () => {
    const period = thisQuarter();
    const { status, body } = await stack.api('/api/forecast/categories', tokens.admin);
    expect(status).toBe(200);
    expect(body.period).toMatchObject(period);
    expect(body.periods).toHaveLength(1);
    const expected = expectedByOwner(period.from, period.to);
    expect(body.users.map((u: { userId: string }) => u.userId).sort()).toEqual([...expected.keys()].sort());
    for (const user of body.users) {
      expectFigures(user.total, expected.get(user.userId)!);
      expect(user.byPeriod[0]).toEqual(user.total);
    }
    // Some of each, or the test proves little.
    const all = [...expected.values()];
    for (const key of ['closed', 'commit', 'bestCase', 'pipeline'] as const)
      expect(all.some((f) => f[key] > 0)).toBe(true);
  });

  it('rolls users up the role hierarchy; a manager carries the team quota, not the sum of quotas below', async () => {
    const period = thisQuarter();
    const expected = expectedByOwner(period.from, period.to);
    const { body } = await stack.api('/api/forecast/categories', tokens.admin);
    const { store } = stack.emulator;
    const users = live(store, 'User');
    const roles = live(store, 'UserRole');
    const below = (roleId: string): string[] => [
      roleId,
      ...roles.filter((r) => r.ParentRoleId === roleId).flatMap((r) => below(r.Id)),
    ];
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    for (const node of body.roles) {
      const members = users.filter((u) => below(node.roleId).includes(u.UserRoleId as string)).map((u) => u.Id);
      const figures = members.map((id) => expected.get(id)).filter((f): f is Figures => f !== undefined);
      expect(node.total.closed).toBeCloseTo(sum(figures.map((f) => f.closed)), 2);
      expect(node.total.pipeline).toBeCloseTo(sum(figures.map((f) => f.pipeline)), 2);
      expect(node.total.commitForecast).toBeCloseTo(sum(figures.map((f) => f.closed + f.commit)), 2);
    }
    // West Sales Manager: Marco's own quota (the team's target), not Marco's plus his reps'.
    const west = body.roles.find((r: { name: string }) => r.name === 'West Sales Manager');
    expect(west.total.quota).toBeCloseTo(expected.get(ids['marco.alvarez'])!.quota!, 2);
    const westReps = body.roles.find((r: { name: string }) => r.name === 'West Sales Rep');
    expect(westReps.parentRoleId).toBe(west.roleId);
    const repQuotas = westReps.userIds.map((id: string) => expected.get(id)?.quota ?? 0);
    expect(westReps.total.quota).toBeCloseTo(sum(repQuotas), 2);
    // The whole counts the VP's quota once (it covers everyone below).
    expect(body.total.quota).toBeCloseTo(expected.get(ids['dana.whitfield'])!.quota!, 2);
  });

  it('splits a longer period at fiscal quarter boundaries', async () => {
    const { body } = await stack.api('/api/forecast/categories?period=this_year', tokens.admin);
    expect(body.periods.map((p: { label: string }) => p.label)).toHaveLength(4);
    for (const user of body.users) {
      const closed = user.byPeriod.reduce((s: number, p: { closed: number }) => s + p.closed, 0);
      expect(user.total.closed).toBeCloseTo(closed, 2);
    }
    const q = body.periods[1];
    const expected = expectedByOwner(q.from, q.to);
    for (const user of body.users) {
      const figures = expected.get(user.userId);
      if (figures) expectFigures(user.byPeriod[1], figures);
    }
  });

  it('shows a rep their own forecast only, a manager their team, an admin everyone', async () => {
    const rep = (await stack.api('/api/forecast/categories', tokens['ana.souza'])).body;
    expect(rep.users.map((u: { userId: string }) => u.userId)).toEqual([ids['ana.souza']]);
    expect(rep.roles.map((r: { userIds: string[] }) => r.userIds)).toEqual([[ids['ana.souza']]]);
    const manager = (await stack.api('/api/forecast/categories', tokens['marco.alvarez'])).body;
    const west = new Set(
      live(stack.emulator.store, 'User')
        .filter((u: SObjectRecord) =>
          ['West Sales Manager', 'West Sales Rep'].includes(roleName(u.UserRoleId as string)),
        )
        .map((u) => u.Id),
    );
    expect(manager.users.length).toBeGreaterThan(1);
    for (const user of manager.users) expect(west.has(user.userId)).toBe(true);
    expect(manager.roles[0].name).toBe('West Sales Manager');
    const admin = (await stack.api('/api/forecast/categories', tokens.admin)).body;
    expect(admin.users.length).toBeGreaterThan(manager.users.length);
  });

  it("refuses another rep's deals (403) and bad parameters (400, naming them)", async () => {
    const other = await stack.api(`/api/forecast/categories?ownerId=${ids['david.osei']}`, tokens['ana.souza']);
    expect(other.status).toBe(403);
    const own = await stack.api(`/api/forecast/categories?ownerId=${ids['ana.souza']}`, tokens['ana.souza']);
    expect(own.status).toBe(200);
    const cases: [string, string][] = [
      ['period=yesterday', 'period must be one of'],
      ['period=custom&from=2026-13-01&to=2026-12-31', 'from must be a date'],
      ['ownerId=nope', 'ownerId must be a Salesforce User Id'],
    ];
    for (const [query, message] of cases) {
      const { status, body } = await stack.api(`/api/forecast/categories?${query}`, tokens.admin);
      expect(status).toBe(400);
      expect(JSON.stringify(body.message)).toContain(message);
    }
  });
});

describe('the OpenAPI document', () => {
  it('documents the forecast endpoints with their parameters and examples', async () => {
    const { status, body } = await stack.api('/docs-json');
    expect(status).toBe(200);
    const parameters = (path: string) => body.paths[path].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters('/api/forecast/categories')).toEqual(expect.arrayContaining(['period', 'ownerId', 'teamRoleId']));
    expect(parameters('/api/forecast/predictive')).toEqual(
      expect.arrayContaining(['period', 'seed', 'trials', 'limit']),
    );
    expect(parameters('/api/forecast/accuracy')).toEqual(expect.arrayContaining(['quarters', 'cadence', 'seed']));
    for (const path of ['/api/forecast/categories', '/api/forecast/predictive', '/api/forecast/accuracy']) {
      const get = body.paths[path].get;
      expect(get.summary).toBeTruthy();
      expect(Object.keys(get.responses)).toEqual(expect.arrayContaining(['200', '400', '401']));
    }
    const schemas = body.components.schemas;
    expect(JSON.stringify(schemas.PredictiveForecastDto.properties.total)).toContain(
      '#/components/schemas/BookingsDto',
    );
    expect(schemas.BookingsDto.properties.p90.example).toBeDefined();
    expect(schemas.CategoryFiguresDto.properties.commitForecast.example).toBeDefined();
    expect(schemas.ForecastAccuracyDto.properties.quarterStarts).toBeDefined();
  });
});

function roleName(roleId: string): string {
  return (live(stack.emulator.store, 'UserRole').find((r) => r.Id === roleId)?.Name as string) ?? '';
}
