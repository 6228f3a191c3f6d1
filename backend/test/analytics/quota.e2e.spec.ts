// GET /api/quota/attainment against the demo org: quotas, wins and the role roll-up recomputed
// here from the org's ForecastingQuota, Opportunity, User and UserRole records.
import { startStack, type Stack } from '../support/stack';
import {
  amount,
  expectMoney,
  filterCases,
  inSegment,
  orgRows,
  ownersSeenBy,
  quarter,
  roleOf,
  rolesUnder,
  sum,
  userId,
  type OrgRows,
  type Segment,
} from './history-people-org';

interface UserRow {
  userId: string;
  quotaAmount: number | null;
  closedWonAmount: number;
  closedWonCount: number;
  attainment: number | null;
}

interface RoleRow {
  roleId: string;
  parentRoleId: string | null;
  userIds: string[];
  quotaAmount: number | null;
  subtreeQuotaAmount: number | null;
  closedWonAmount: number;
  attainment: number | null;
}

const quotaSum = (xs: (number | null)[]) => (xs.every((x) => x === null) ? null : sum(xs.map((x) => x ?? 0)));

function expectedUsers(org: OrgRows, seen: Set<string> | null, s: Segment, p: { from: string; to: string }) {
  return org.users
    .filter((u) => (!seen || seen.has(u.Id)) && (!s.owners || s.owners.has(u.Id)))
    .map((u) => {
      const quotas = org.quotas.filter(
        (q) => q.QuotaOwnerId === u.Id && (q.StartDate as string) >= p.from && (q.StartDate as string) <= p.to,
      );
      const wins = org.opportunities.filter(
        (o) =>
          o.IsWon &&
          o.OwnerId === u.Id &&
          (o.CloseDate as string) >= p.from &&
          (o.CloseDate as string) <= p.to &&
          inSegment(org, o, { ...s, owners: undefined }),
      );
      const quotaAmount = quotas.length === 0 ? null : sum(quotas.map((q) => q.QuotaAmount as number));
      const won = sum(wins.map(amount));
      return {
        userId: u.Id,
        roleId: u.UserRoleId as string | null,
        active: u.IsActive === true,
        quotaAmount,
        closedWonAmount: won,
        closedWonCount: wins.length,
        attainment: quotaAmount ? won / quotaAmount : null,
      };
    })
    .filter((u) => u.active || u.quotaAmount !== null || u.closedWonCount > 0);
}

/** Each role in the viewer's part of the hierarchy with someone listed in or below it. */
function expectedRoles(org: OrgRows, scope: string[], users: ReturnType<typeof expectedUsers>) {
  const inScope = new Set(scope);
  const subtree = (id: string) => [id, ...rolesUnder(org, id)].filter((r) => inScope.has(r));
  const listed = (roles: string[]) => users.filter((u) => roles.includes(u.roleId as string));
  const target = (id: string): number | null => {
    const own = quotaSum(listed([id]).map((u) => u.quotaAmount));
    if (own !== null) return own;
    const children = org.roles.filter((r) => r.ParentRoleId === id && inScope.has(r.Id));
    return quotaSum(children.map((c) => target(c.Id)));
  };
  return new Map(
    scope
      .filter((id) => listed(subtree(id)).length > 0)
      .map((id) => {
        const all = listed(subtree(id));
        const won = sum(all.map((u) => u.closedWonAmount));
        const quota = target(id);
        const parent = org.roles.find((r) => r.Id === id)!.ParentRoleId as string | null;
        return [
          id,
          {
            parentRoleId: parent && inScope.has(parent) ? parent : null,
            userIds: listed([id])
              .map((u) => u.userId)
              .sort(),
            quotaAmount: quota,
            subtreeQuotaAmount: quotaSum(all.map((u) => u.quotaAmount)),
            closedWonAmount: won,
            attainment: quota ? won / quota : null,
          },
        ];
      }),
  );
}

function expectAttainment(
  body: { users: UserRow[]; roles: RoleRow[] },
  users: ReturnType<typeof expectedUsers>,
  roles?: ReturnType<typeof expectedRoles>,
) {
  expect(body.users.map((u) => u.userId).sort()).toEqual(users.map((u) => u.userId).sort());
  for (const u of users) {
    const got = body.users.find((r) => r.userId === u.userId)!;
    expect({ id: u.userId, quota: got.quotaAmount, count: got.closedWonCount }).toEqual({
      id: u.userId,
      quota: u.quotaAmount,
      count: u.closedWonCount,
    });
    expectMoney(got.closedWonAmount, u.closedWonAmount);
    if (u.attainment === null) expect(got.attainment).toBeNull();
    else expect(got.attainment).toBeCloseTo(u.attainment, 8);
  }
  if (!roles) return;
  expect(body.roles.map((r) => r.roleId).sort()).toEqual([...roles.keys()].sort());
  for (const r of body.roles) {
    const want = roles.get(r.roleId)!;
    expect({ role: r.roleId, parent: r.parentRoleId, users: [...r.userIds].sort(), quota: r.quotaAmount }).toEqual({
      role: r.roleId,
      parent: want.parentRoleId,
      users: want.userIds,
      quota: want.quotaAmount,
    });
    expect(r.subtreeQuotaAmount).toBe(want.subtreeQuotaAmount);
    expectMoney(r.closedWonAmount, want.closedWonAmount);
    if (want.attainment === null) expect(r.attainment).toBeNull();
    else expect(r.attainment).toBeCloseTo(want.attainment, 8);
  }
}

describe('GET /api/quota/attainment', () => {
  let stack: Stack;
  let org: OrgRows;
  const tokens: Record<string, string> = {};
  const viewers = {
    rep: { username: 'emma.laurent@pulse.demo', viewAll: false },
    manager: { username: 'marco.alvarez@pulse.demo', viewAll: false },
    vp: { username: 'dana.whitfield@pulse.demo', viewAll: false },
    admin: { username: 'integration@pulse.demo', viewAll: true },
  };
  const names = Object.keys(viewers) as (keyof typeof viewers)[];
  const scopeOf = (name: keyof typeof viewers) => {
    const v = viewers[name];
    if (v.viewAll) return org.roles.map((r) => r.Id);
    const role = roleOf(org, v.username);
    return [role, ...rolesUnder(org, role)];
  };

  beforeAll(async () => {
    stack = await startStack();
    org = orgRows(stack);
    for (const [name, v] of Object.entries(viewers)) tokens[name] = await stack.userToken(v.username, v);
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  it.each(names)("gives the %s each visible user's quota, wins and attainment, rolled up by role", async (name) => {
    const { status, body } = await stack.api('/api/quota/attainment?period=last_quarter', tokens[name]);
    expect(status).toBe(200);
    expect(body.period).toMatchObject(quarter(-1));
    const users = expectedUsers(org, ownersSeenBy(org, viewers[name].username, viewers[name].viewAll), {}, quarter(-1));
    expectAttainment(body, users, expectedRoles(org, scopeOf(name), users));
    expect(body.users.some((u: UserRow) => u.quotaAmount !== null)).toBe(true);
    if (name !== 'rep') expect(body.users.some((u: UserRow) => u.closedWonAmount > 0)).toBe(true);
  });

  it("shows a manager the team's attainment against the manager's quota, and the reps' below it", async () => {
    const { body } = await stack.api('/api/quota/attainment?period=last_quarter', tokens.manager);
    const marco = userId(org, viewers.manager.username);
    const [managerRole, repRole] = [roleOf(org, viewers.manager.username), roleOf(org, 'ana.souza@pulse.demo')];
    expect(body.roles.map((r: RoleRow & { depth: number }) => [r.roleId, r.depth])).toEqual([
      [managerRole, 0],
      [repRole, 1],
    ]);
    const [team, reps] = body.roles as RoleRow[];
    const marcoQuota = body.users.find((u: UserRow) => u.userId === marco).quotaAmount;
    expect(team.quotaAmount).toBe(marcoQuota);
    expect(reps.quotaAmount).toBe(
      sum(body.users.filter((u: UserRow) => u.userId !== marco).map((u: UserRow) => u.quotaAmount ?? 0)),
    );
    expect(team.subtreeQuotaAmount).toBe(marcoQuota + reps.quotaAmount!);
    expect(team.closedWonAmount).toBeCloseTo(reps.closedWonAmount, 2); // managers sell nothing themselves
  });

  it('gives a rep only their own row and role', async () => {
    const { body } = await stack.api('/api/quota/attainment', tokens.rep);
    expect(body.users.map((u: UserRow) => u.userId)).toEqual([userId(org, viewers.rep.username)]);
    expect(body.roles).toHaveLength(1);
    expect(body.roles[0].userIds).toEqual([userId(org, viewers.rep.username)]);
  });

  it('applies the period and each filter, and each changes the answer', async () => {
    const all = await stack.api('/api/quota/attainment?period=this_year', tokens.vp);
    const seen = ownersSeenBy(org, viewers.vp.username);
    const year = { from: `${quarter(0).from.slice(0, 4)}-01-01`, to: `${quarter(0).from.slice(0, 4)}-12-31` };
    expectAttainment(
      all.body,
      expectedUsers(org, seen, {}, year),
      expectedRoles(org, scopeOf('vp'), expectedUsers(org, seen, {}, year)),
    );
    const quarterly = await stack.api('/api/quota/attainment', tokens.vp);
    expectAttainment(quarterly.body, expectedUsers(org, seen, {}, quarter(0)));
    expect(quarterly.body.roles[0].quotaAmount).toBeLessThan(all.body.roles[0].quotaAmount);
    for (const c of filterCases(org, seen)) {
      const { status, body } = await stack.api(`/api/quota/attainment?period=this_year&${c.query}`, tokens.vp);
      expect({ filter: c.name, status }).toEqual({ filter: c.name, status: 200 });
      const users = expectedUsers(org, seen, c.segment, year);
      expectAttainment(body, users, expectedRoles(org, scopeOf('vp'), users));
      expect({ filter: c.name, changed: JSON.stringify(body.roles) !== JSON.stringify(all.body.roles) }).toEqual({
        filter: c.name,
        changed: true,
      });
    }
  });

  it("refuses another team's owner with 403", async () => {
    const east = userId(org, 'farid.haddad@pulse.demo');
    expect((await stack.api(`/api/quota/attainment?ownerId=${east}`, tokens.manager)).status).toBe(403);
    const peer = userId(org, 'david.osei@pulse.demo');
    expect((await stack.api(`/api/quota/attainment?ownerId=${peer}`, tokens.rep)).status).toBe(403);
    expect((await stack.api(`/api/quota/attainment?ownerId=${east}`, tokens.vp)).status).toBe(200);
  });

  it.each([
    ['period=Q4', 'period'],
    ['period=custom&from=2026-01-01', 'to'],
    ['period=custom&from=2020-01-01&to=2026-12-31', 'custom period'],
    ['ownerId=005', 'ownerId'],
    ['ownerId=005000000000000AAA&teamRoleId=00E000000000000AAA', 'teamRoleId'],
    ['type=' + 'y'.repeat(256), 'type'],
    ['accountSize=SMALL', 'accountSize'],
  ])('answers ?%s with 400 naming %s', async (query, parameter) => {
    const { status, body } = await stack.api(`/api/quota/attainment?${query}`, tokens.vp);
    expect(status).toBe(400);
    expect(JSON.stringify(body.message)).toContain(parameter);
  });
});
