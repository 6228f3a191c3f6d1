import type { HierarchyRole } from '../access/role-hierarchy';
import type { RoleAttainmentDto, UserAttainmentDto } from './dto/quota-attainment.dto';

const ratio = (won: number, quota: number | null) => (quota === null || quota === 0 ? null : won / quota);
const addQuota = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);

/**
 * Rolls user attainment up the role hierarchy: each node of `scope` (role ids) that has a listed
 * user in it or below it, depth first from the top nodes. A role reached only through a cycle has
 * no top and is left out, as the hierarchy itself treats it.
 */
export function rollUp(
  roles: ReadonlyMap<string, HierarchyRole>,
  scope: readonly string[],
  users: readonly UserAttainmentDto[],
): RoleAttainmentDto[] {
  const inScope = new Set(scope.filter((id) => roles.has(id)));
  const children = new Map<string, string[]>();
  for (const id of inScope) {
    const parent = roles.get(id)!.parentRoleId;
    if (parent === null || !inScope.has(parent)) continue;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)!.push(id);
  }
  const tops = [...inScope].filter((id) => {
    const parent = roles.get(id)!.parentRoleId;
    return parent === null || !inScope.has(parent);
  });
  const usersByRole = new Map<string | null, UserAttainmentDto[]>();
  for (const u of users) {
    if (!usersByRole.has(u.roleId)) usersByRole.set(u.roleId, []);
    usersByRole.get(u.roleId)!.push(u);
  }
  const out: RoleAttainmentDto[] = [];
  const seen = new Set<string>();

  const visit = (id: string, depth: number, parentRoleId: string | null): RoleAttainmentDto | null => {
    if (seen.has(id)) return null;
    seen.add(id);
    const node: RoleAttainmentDto = {
      roleId: id,
      name: roles.get(id)!.name,
      parentRoleId,
      depth,
      userIds: [],
      quotaAmount: null,
      subtreeQuotaAmount: null,
      closedWonAmount: 0,
      closedWonCount: 0,
      attainment: null,
    };
    const at = out.push(node) - 1;
    const own = usersByRole.get(id) ?? [];
    node.userIds = own.map((u) => u.userId);
    let ownQuota: number | null = null;
    for (const u of own) {
      ownQuota = addQuota(ownQuota, u.quotaAmount);
      node.closedWonAmount += u.closedWonAmount;
      node.closedWonCount += u.closedWonCount;
    }
    node.subtreeQuotaAmount = ownQuota;
    let childTargets: number | null = null;
    for (const childId of (children.get(id) ?? []).sort((a, b) =>
      roles.get(a)!.name.localeCompare(roles.get(b)!.name),
    )) {
      const child = visit(childId, depth + 1, id);
      if (!child) continue;
      node.closedWonAmount += child.closedWonAmount;
      node.closedWonCount += child.closedWonCount;
      node.subtreeQuotaAmount = addQuota(node.subtreeQuotaAmount, child.subtreeQuotaAmount);
      childTargets = addQuota(childTargets, child.quotaAmount);
    }
    node.quotaAmount = ownQuota ?? childTargets;
    node.attainment = ratio(node.closedWonAmount, node.quotaAmount);
    // A node with nobody listed in it or below it says nothing: drop it (and its empty subtree).
    if (node.userIds.length === 0 && out.length === at + 1) {
      out.pop();
      return null;
    }
    return node;
  };
  for (const top of tops.sort((a, b) => roles.get(a)!.name.localeCompare(roles.get(b)!.name))) visit(top, 0, null);
  return out;
}
