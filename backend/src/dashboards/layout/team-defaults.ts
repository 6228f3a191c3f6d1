import type { RoleHierarchy } from '../../access/role-hierarchy';
import type { Viewer } from '../../access/viewer';

/**
 * Team defaults follow the role hierarchy. A default published for a role applies to everyone in
 * the roles below it (the team its holder manages); a user gets the nearest one above their role.
 * Managers publish for their own role and the roles below it, admins for any role; a user with no
 * role below theirs (a rep) manages nobody and publishes nothing.
 */

/** The roles above `roleId`, nearest first. Cycle-safe, as RoleHierarchy is. */
export function rolesAbove(hierarchy: RoleHierarchy, roleId: string | null): string[] {
  const above: string[] = [];
  const seen = new Set(roleId ? [roleId] : []);
  let parent = roleId ? hierarchy.roles.get(roleId)?.parentRoleId : null;
  while (parent && !seen.has(parent)) {
    seen.add(parent);
    above.push(parent);
    parent = hierarchy.roles.get(parent)?.parentRoleId;
  }
  return above;
}

/** Why `viewer` may not publish (or withdraw) the default for `roleId`; undefined when they may. */
export function publishRefusal(viewer: Viewer, hierarchy: RoleHierarchy, roleId: string): string | undefined {
  if (viewer.viewAll) return undefined;
  const managed = viewer.roleId ? hierarchy.rolesBelow(viewer.roleId) : [];
  if (managed.length === 0) return 'Only managers (users with roles below theirs) and admins publish team defaults';
  if (roleId !== viewer.roleId && !managed.includes(roleId))
    return 'You may publish team defaults only for your own role and the roles below it';
  return undefined;
}

/** Who may read a team default: those who may publish it and those it applies to. */
export function mayRead(viewer: Viewer, hierarchy: RoleHierarchy, roleId: string): boolean {
  return !publishRefusal(viewer, hierarchy, roleId) || rolesAbove(hierarchy, viewer.roleId).includes(roleId);
}
