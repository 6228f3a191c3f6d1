import { ForbiddenException, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { MirrorEvents } from '../sync/mirror-events.service';
import { RoleHierarchy, type HierarchyRole, type HierarchyUser } from './role-hierarchy';
import type { Viewer } from './viewer';

/**
 * A standby instance applies no changes and hears no mirror events: it re-reads the hierarchy
 * at most this long after it was read, so a role change reaches every instance within it.
 */
export const HIERARCHY_MAX_AGE_MS = 60_000;

/** The org's role hierarchy as mirrored, read once and re-read when User or UserRole change. */
@Injectable()
export class RoleHierarchyService implements OnModuleDestroy {
  private snapshot?: Promise<RoleHierarchy>;
  /**
   * Each user's visible owners, per snapshot: a manager's are the same on every request until the
   * hierarchy changes, and the same array lets the response cache fingerprint the scope once.
   */
  private readonly owners = new WeakMap<RoleHierarchy, Map<string, readonly string[]>>();
  private readAt = 0;
  private readonly subscription: Subscription;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    mirrorEvents: MirrorEvents,
  ) {
    this.subscription = mirrorEvents.changes.subscribe((change) => {
      if (change.entities.some((e) => e === 'User' || e === 'UserRole')) this.snapshot = undefined;
    });
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  current(): Promise<RoleHierarchy> {
    if (!this.snapshot || performance.now() - this.readAt > HIERARCHY_MAX_AGE_MS) {
      this.readAt = performance.now();
      this.snapshot = this.read();
      this.snapshot.catch(() => (this.snapshot = undefined)); // a failed read is retried next time
    }
    return this.snapshot;
  }

  /** The viewer for a verified token's subject: an active mirrored user, or 403. */
  async viewer(userId: string, viewAll: boolean): Promise<Viewer> {
    const hierarchy = await this.current();
    const user = hierarchy.user(userId);
    if (!user?.isActive) throw new ForbiddenException(`User ${userId} is not an active user of the mirrored org`);
    return {
      userId,
      name: user.name,
      roleId: user.roleId,
      viewAll,
      ownerIds: viewAll ? null : this.visibleOwners(hierarchy, userId),
    };
  }

  private visibleOwners(hierarchy: RoleHierarchy, userId: string): readonly string[] {
    let byUser = this.owners.get(hierarchy);
    if (!byUser) this.owners.set(hierarchy, (byUser = new Map()));
    let owners = byUser.get(userId);
    if (!owners) byUser.set(userId, (owners = Object.freeze(hierarchy.visibleOwners(userId))));
    return owners;
  }

  private async read(): Promise<RoleHierarchy> {
    const [roles, users] = await Promise.all([
      this.db.query<HierarchyRole[]>(
        `SELECT salesforce_id AS id, name, parent_role_id AS "parentRoleId" FROM user_role`,
      ),
      this.db.query<HierarchyUser[]>(
        `SELECT salesforce_id AS id, name, user_role_id AS "roleId", COALESCE(is_active, false) AS "isActive" FROM sf_user`,
      ),
    ]);
    return new RoleHierarchy(roles, users);
  }
}
