import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  PreconditionFailedException,
} from '@nestjs/common';
import type { RoleHierarchy } from '../access/role-hierarchy';
import { RoleHierarchyService } from '../access/role-hierarchy.service';
import type { Viewer } from '../access/viewer';
import { productView, roleRecord, storedView } from './dashboard-views';
import type { DashboardLayoutDto } from './dto/dashboard-layout.dto';
import type { DashboardDto } from './dto/dashboard.dto';
import { ifMatchHolds, ifNoneMatchNames, teamEtag } from './http/etags';
import { readLayout } from './layout/check-layout';
import { inReadingOrder } from './layout/layout-rules';
import { assertStorable } from './layout/size-limit';
import { mayRead, publishRefusal } from './layout/team-defaults';
import { WidgetFilterCheck } from './layout/widget-filter-check';
import { LayoutStore, type StoredLayout } from './storage/layout-store';

export interface Preconditions {
  ifMatch?: string;
  ifNoneMatch?: string;
}

/** Team defaults: a layout published for a role, shown to the roles below it that saved none. */
@Injectable()
export class TeamDashboardService {
  constructor(
    private readonly hierarchy: RoleHierarchyService,
    private readonly store: LayoutStore,
    private readonly filterCheck: WidgetFilterCheck,
  ) {}

  async get(viewer: Viewer, roleId: string): Promise<DashboardDto> {
    const { hierarchy, role } = await this.role(roleId);
    if (!mayRead(viewer, hierarchy, role))
      throw new ForbiddenException('You may read the team defaults of the roles above yours and of those you manage');
    const stored = await this.store.find('team', role);
    if (!stored) throw notPublished(hierarchy, role);
    return view(hierarchy, stored);
  }

  async publish(viewer: Viewer, roleId: string, layout: DashboardLayoutDto, conditions: Preconditions) {
    const { hierarchy, role } = await this.role(roleId);
    assertMayPublish(viewer, hierarchy, role);
    if (hierarchy.rolesBelow(role).length === 0)
      throw new BadRequestException(
        `roleId: no role is below ${roleRecord(hierarchy, role).name ?? role}, so a team default there would apply to nobody`,
      );
    const stored = await this.store.find('team', role);
    assertPreconditions(stored, conditions);
    await this.filterCheck.check(
      layout.widgets.map((w, i) => [`widgets[${i}].settings.`, w]),
      viewer,
      'team',
    );
    const ordered = inReadingOrder(layout);
    assertStorable(ordered);
    const conditional = conditions.ifMatch !== undefined || conditions.ifNoneMatch !== undefined;
    const saved = await this.store.save(
      'team',
      role,
      ordered,
      viewer.userId,
      conditional ? (stored?.version ?? null) : undefined,
    );
    if (!saved) throw changedMeanwhile();
    return storedView(hierarchy, saved, ordered, teamEtag(role, saved.version));
  }

  async withdraw(viewer: Viewer, roleId: string, conditions: Preconditions): Promise<void> {
    const { hierarchy, role } = await this.role(roleId);
    assertMayPublish(viewer, hierarchy, role);
    const stored = await this.store.find('team', role);
    if (!stored) throw notPublished(hierarchy, role);
    assertPreconditions(stored, conditions);
    if (!(await this.store.remove('team', role, conditions.ifMatch === undefined ? undefined : stored.version)))
      throw changedMeanwhile();
  }

  /** The role a path names (15 or 18 characters), as its 18-character Id. */
  private async role(roleId: string): Promise<{ hierarchy: RoleHierarchy; role: string }> {
    const hierarchy = await this.hierarchy.current();
    const role = hierarchy.findRole(roleId);
    if (!role) throw new NotFoundException(`roleId ${roleId} is not a role in the org`);
    return { hierarchy, role: role.id };
  }
}

/** The stored default as answered; one this server cannot read shows the product default and says why. */
function view(hierarchy: RoleHierarchy, stored: StoredLayout): DashboardDto {
  const etag = teamEtag(stored.ownerId, stored.version);
  const read = readLayout(stored.document);
  if (read.value) return storedView(hierarchy, stored, read.value, etag);
  const notice = `The published team default is not shown: ${read.problems.join('; ')}`;
  return productView([notice], etag, roleRecord(hierarchy, stored.ownerId));
}

function assertMayPublish(viewer: Viewer, hierarchy: RoleHierarchy, role: string): void {
  const refusal = publishRefusal(viewer, hierarchy, role);
  if (refusal) throw new ForbiddenException(refusal);
}

function assertPreconditions(stored: StoredLayout | undefined, { ifMatch, ifNoneMatch }: Preconditions): void {
  const current = stored ? teamEtag(stored.ownerId, stored.version) : null;
  if (ifMatch !== undefined && !ifMatchHolds(ifMatch, current))
    throw new PreconditionFailedException(
      `The team default has changed since you read it (its ETag is now ${current ?? 'none: nothing is published'})`,
    );
  if (ifNoneMatch !== undefined && ifNoneMatchNames(ifNoneMatch, current))
    throw new PreconditionFailedException(`A team default is already published (ETag ${current})`);
}

const notPublished = (hierarchy: RoleHierarchy, role: string) =>
  new NotFoundException(`No team default is published for ${roleRecord(hierarchy, role).name ?? role} (${role})`);

const changedMeanwhile = () =>
  new PreconditionFailedException('The team default changed while this request ran: read it again');
