import type { HierarchyRole } from '../../access/role-hierarchy';
import { addAmounts, addQuota, emptyAmounts, type CategoryAmounts } from './category-figures';

/** A user's own figures, one entry per period. */
export interface UserFigures {
  userId: string;
  roleId: string | null;
  periods: CategoryAmounts[];
}

/** A role's figures: its users' and every role's below it, per period. */
export interface RoleFigures {
  roleId: string;
  name: string;
  parentRoleId: string | null;
  depth: number;
  userIds: string[];
  periods: CategoryAmounts[];
}

/**
 * Rolls users' category amounts up the role hierarchy, over the roles in `scope`, depth first from
 * the top ones, as Collaborative Forecasts shows a manager's forecast. A role's quota is its own
 * users' quotas when any holds one (a manager's quota is their team's target), otherwise the sum
 * of the quotas of the roles right below it; amounts always add up. Roles with no listed user in
 * or below them are left out; a role reached only through a cycle has no top and is left out too.
 */
export function rollUpCategories(
  roles: ReadonlyMap<string, HierarchyRole>,
  scope: readonly string[],
  users: readonly UserFigures[],
  periodCount: number,
): RoleFigures[] {
  const inScope = new Set(scope.filter((id) => roles.has(id)));
  const children = new Map<string, string[]>();
  for (const id of inScope) {
    const parent = roles.get(id)!.parentRoleId;
    if (parent !== null && inScope.has(parent)) children.set(parent, [...(children.get(parent) ?? []), id]);
  }
  const byName = (a: string, b: string) => roles.get(a)!.name.localeCompare(roles.get(b)!.name) || a.localeCompare(b);
  const tops = [...inScope].filter((id) => !inScope.has(roles.get(id)!.parentRoleId ?? '')).sort(byName);
  const usersByRole = new Map<string, UserFigures[]>();
  for (const u of users) if (u.roleId !== null) usersByRole.set(u.roleId, [...(usersByRole.get(u.roleId) ?? []), u]);

  const out: RoleFigures[] = [];
  const seen = new Set<string>();
  const visit = (id: string, depth: number, parentRoleId: string | null): RoleFigures | null => {
    if (seen.has(id)) return null;
    seen.add(id);
    const own = usersByRole.get(id) ?? [];
    const node: RoleFigures = {
      roleId: id,
      name: roles.get(id)!.name,
      parentRoleId,
      depth,
      userIds: own.map((u) => u.userId),
      periods: Array.from({ length: periodCount }, emptyAmounts),
    };
    const at = out.push(node) - 1;
    const childQuota: (number | null)[] = new Array(periodCount).fill(null);
    for (const user of own) {
      user.periods.forEach((p, k) => {
        addAmounts(node.periods[k], p);
        node.periods[k].quota = addQuota(node.periods[k].quota, p.quota);
      });
    }
    for (const childId of (children.get(id) ?? []).sort(byName)) {
      const child = visit(childId, depth + 1, id);
      if (!child) continue;
      child.periods.forEach((p, k) => {
        addAmounts(node.periods[k], p);
        childQuota[k] = addQuota(childQuota[k], p.quota);
      });
    }
    node.periods.forEach((p, k) => (p.quota ??= childQuota[k]));
    if (node.userIds.length === 0 && out.length === at + 1) {
      out.pop(); // nobody listed in it or below it
      return null;
    }
    return node;
  };
  for (const top of tops) visit(top, 0, null);
  return out;
}
