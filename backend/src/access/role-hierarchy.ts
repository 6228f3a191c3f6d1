export interface HierarchyRole {
  id: string;
  name: string;
  parentRoleId: string | null;
}

export interface HierarchyUser {
  id: string;
  name: string;
  roleId: string | null;
  isActive: boolean;
}

/**
 * Salesforce's role hierarchy as record access: a user sees what they own and what users in the
 * roles below theirs own (not their peers' in the same role). Cycle-safe: an org mid-edit, or a
 * half-synced mirror, can briefly hold a role that is its own ancestor.
 */
export class RoleHierarchy {
  private readonly children = new Map<string, string[]>();
  private readonly usersByRole = new Map<string | null, HierarchyUser[]>();
  private readonly users = new Map<string, HierarchyUser>();
  readonly roles: ReadonlyMap<string, HierarchyRole>;

  constructor(roles: readonly HierarchyRole[], users: readonly HierarchyUser[]) {
    this.roles = new Map(roles.map((r) => [r.id, r]));
    for (const role of roles) {
      if (role.parentRoleId === null) continue;
      const siblings = this.children.get(role.parentRoleId) ?? [];
      siblings.push(role.id);
      this.children.set(role.parentRoleId, siblings);
    }
    for (const user of users) {
      this.users.set(user.id, user);
      const inRole = this.usersByRole.get(user.roleId) ?? [];
      inRole.push(user);
      this.usersByRole.set(user.roleId, inRole);
    }
  }

  user(id: string): HierarchyUser | undefined {
    return this.users.get(id);
  }

  /** A user by 18- or 15-character Id (the case-sensitive form a URL may carry). */
  findUser(id: string): HierarchyUser | undefined {
    return this.users.get(id) ?? [...this.users.values()].find((u) => sameRecord(u.id, id));
  }

  /** A role by 18- or 15-character Id. */
  findRole(id: string): HierarchyRole | undefined {
    return this.roles.get(id) ?? [...this.roles.values()].find((r) => sameRecord(r.id, id));
  }

  /** Roles strictly below `roleId`, each once. */
  rolesBelow(roleId: string): string[] {
    const below: string[] = [];
    const seen = new Set([roleId]);
    const queue = [...(this.children.get(roleId) ?? [])];
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      below.push(id);
      queue.push(...(this.children.get(id) ?? []));
    }
    return below;
  }

  /** Owners whose records `userId` sees: themselves and every user in a role below theirs. */
  visibleOwners(userId: string): string[] {
    const user = this.users.get(userId);
    if (!user?.roleId) return [userId];
    const below = this.rolesBelow(user.roleId).flatMap((role) => (this.usersByRole.get(role) ?? []).map((u) => u.id));
    return [userId, ...below];
  }

  /** Everyone in `roleId` and below it: a team, as a manager filters by it. */
  teamMembers(roleId: string): string[] {
    return [roleId, ...this.rolesBelow(roleId)].flatMap((role) => (this.usersByRole.get(role) ?? []).map((u) => u.id));
  }
}

/** A 15-character Id names the same record as the 18-character one it starts. */
function sameRecord(id18: string, id: string): boolean {
  return id.length === 15 && id18.slice(0, 15) === id;
}
