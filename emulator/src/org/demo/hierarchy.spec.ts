// Deeper, exactly sized sales organisations (the `users` and `roleLevels` options): the numbers
// asked for, a consistent hierarchy, and quotas that roll up it.
import { OrgStore } from '../store.ts';
import type { SObjectRecord } from '../schema.ts';
import { seedDemoOrg, type DemoOrgOptions } from '../demoOrg.ts';
import { scaledLayout } from './hierarchy.ts';

const NOW = Date.UTC(2026, 10, 24, 9);

function generate(options: DemoOrgOptions) {
  const store = new OrgStore({ orgId: '00D000000000001AAA', clock: () => NOW });
  const demo = seedDemoOrg(store, { seed: 7, now: NOW, opportunities: 400, ...options });
  const users = new Map([...store.scan('User')].map((u) => [u.Id, u]));
  const roles = new Map([...store.scan('UserRole')].map((r) => [r.Id, r]));
  return { store, demo, users, roles };
}

describe('seedDemoOrg with users and roleLevels', () => {
  const org = generate({ users: 2_000, roleLevels: 6 });
  const depth = (roleId: string | null): number =>
    roleId ? 1 + depth(org.roles.get(roleId)!.ParentRoleId as string) : 0;
  const below = (userId: string) =>
    [...org.users.values()].filter((u) => {
      for (let m = u.ManagerId as string | null; m; m = org.users.get(m)!.ManagerId as string | null) {
        if (m === userId) return true;
      }
      return false;
    }).length;

  it('makes exactly the users asked for, in a hierarchy exactly that deep', () => {
    expect(org.users.size).toBe(2_000);
    expect(Math.max(...[...org.roles.keys()].map(depth))).toBe(6);
    const reps = [...org.users.values()].filter((u) => u.Title === 'Account Executive');
    expect(reps.every((r) => depth(r.UserRoleId as string) === 6)).toBe(true);
  });

  it("reports every user to someone in the parent role, and keeps the named users' teams", () => {
    for (const user of org.users.values()) {
      if (!user.ManagerId) continue;
      const manager = org.users.get(user.ManagerId as string)!;
      expect(org.roles.get(user.UserRoleId as string)!.ParentRoleId).toBe(manager.UserRoleId);
    }
    const byName = (username: string) => org.users.get(org.demo.userIdsByUsername.get(username)!)!;
    expect(byName('ana.souza@pulse.demo').ManagerId).toBe(byName('marco.alvarez@pulse.demo').Id);
    expect(byName('david.osei@pulse.demo').ManagerId).toBe(byName('priya.natarajan@pulse.demo').Id);
    expect(depth(byName('marco.alvarez@pulse.demo').UserRoleId as string)).toBe(5);
  });

  it('puts about a fifth of the organisation under each area vice president', () => {
    const areas = [...org.users.values()].filter((u) => String(u.Title).startsWith('Area Vice President'));
    expect(areas).toHaveLength(5);
    for (const area of areas) expect(Math.abs(below(area.Id) - 400)).toBeLessThan(20);
  });

  it("gives every manager at every level a quota equal to their direct reports' quotas", () => {
    const quotas = new Map<string, number>();
    for (const q of org.store.scan('ForecastingQuota'))
      quotas.set(`${q.QuotaOwnerId as string}|${q.StartDate as string}`, q.QuotaAmount as number);
    const starts = new Set([...org.store.scan('ForecastingQuota')].map((q) => q.StartDate as string));
    const reports = new Map<string, SObjectRecord[]>();
    for (const u of org.users.values())
      if (u.ManagerId) reports.set(u.ManagerId as string, [...(reports.get(u.ManagerId as string) ?? []), u]);
    expect(reports.size).toBeGreaterThan(200);
    for (const [managerId, direct] of reports) {
      for (const start of starts) {
        const sum = direct.reduce((total, u) => total + quotas.get(`${u.Id}|${start}`)!, 0);
        expect(quotas.get(`${managerId}|${start}`)).toBe(sum);
      }
    }
  });

  it('lays out any size from the smallest upwards, at any depth', () => {
    for (const roleLevels of [4, 5, 6, 8, 12]) {
      const least = 10 + 2 * (roleLevels - 4);
      expect(() => scaledLayout({ users: least - 1, roleLevels })).toThrow(
        `users must be an integer of at least ${least}`,
      );
      for (let users = least; users < least + 300; users += 7) {
        expect(scaledLayout({ users, roleLevels }).users).toHaveLength(users);
      }
    }
  });

  it('refuses depths and combinations it cannot make', () => {
    expect(() => generate({ roleLevels: 3 })).toThrow('roleLevels must be an integer from 4 to 12');
    expect(() => generate({ roleLevels: 13 })).toThrow('roleLevels must be an integer from 4 to 12');
    expect(() => generate({ users: 100, reps: 50 })).toThrow('give users or reps, not both');
    expect(generate({ roleLevels: 5 }).users.size).toBeGreaterThan(10);
  });
});
