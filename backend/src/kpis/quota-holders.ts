import type { RoleHierarchy } from '../access/role-hierarchy';

export interface OwnerQuota {
  ownerId: string;
  amount: number;
}

/**
 * The scope's quota: Collaborative Forecasts gives a manager a quota for their whole team, so adding
 * it to their reps' would count the team twice. Keeps the quotas whose owner has no other quota
 * holder in a role above theirs; peers in one role each count. Cycle-safe, like the hierarchy.
 */
export function scopeQuota(quotas: readonly OwnerQuota[], hierarchy: RoleHierarchy): number | null {
  if (quotas.length === 0) return null;
  const rolesWithQuota = new Set(quotas.map((q) => hierarchy.user(q.ownerId)?.roleId).filter((r) => r != null));
  const underAnother = (roleId: string | null | undefined): boolean => {
    const seen = new Set(roleId ? [roleId] : []); // a role that is its own ancestor stops the walk
    for (let r = roleId ? hierarchy.roles.get(roleId)?.parentRoleId : null; r && !seen.has(r);) {
      if (rolesWithQuota.has(r)) return true;
      seen.add(r);
      r = hierarchy.roles.get(r)?.parentRoleId ?? null;
    }
    return false;
  };
  return quotas.filter((q) => !underAnother(hierarchy.user(q.ownerId)?.roleId)).reduce((sum, q) => sum + q.amount, 0);
}
