import { BadRequestException, Injectable, NotFoundException, PreconditionFailedException } from '@nestjs/common';
import { RoleHierarchyService } from '../access/role-hierarchy.service';
import type { Viewer } from '../access/viewer';
import { productView, roleRecord, storedView } from './dashboard-views';
import type { DashboardLayoutDto } from './dto/dashboard-layout.dto';
import type { DashboardDto } from './dto/dashboard.dto';
import type { WidgetSettingsDto } from './dto/widget.dto';
import { ifMatchHolds, PRODUCT_ETAG, teamEtag, userEtag } from './http/etags';
import { readLayout } from './layout/check-layout';
import { inReadingOrder, settingsProblems } from './layout/layout-rules';
import { assertStorable } from './layout/size-limit';
import { rolesAbove } from './layout/team-defaults';
import { WidgetFilterCheck } from './layout/widget-filter-check';
import { LayoutStore, type StoredLayout } from './storage/layout-store';

interface Resolved {
  view: DashboardDto;
  /** The user's own stored layout, shown or not. */
  own?: StoredLayout;
}

/**
 * The viewer's dashboard: their own layout, else the nearest team default above their role, else
 * the product default. Writes always go to their own layout, conditional on If-Match when sent.
 */
@Injectable()
export class MyDashboardService {
  constructor(
    private readonly hierarchy: RoleHierarchyService,
    private readonly store: LayoutStore,
    private readonly filterCheck: WidgetFilterCheck,
  ) {}

  async get(viewer: Viewer): Promise<DashboardDto> {
    return (await this.resolve(viewer)).view;
  }

  async replace(viewer: Viewer, layout: DashboardLayoutDto, ifMatch?: string): Promise<DashboardDto> {
    const current = await this.resolve(viewer);
    precondition(current.view, ifMatch);
    await this.filterCheck.check(
      layout.widgets.map((w, i) => [`widgets[${i}].settings.`, w]),
      viewer,
      'user',
    );
    return this.save(viewer, layout, current, ifMatch);
  }

  /** New settings for one widget (those given replace the widget's); starts an own copy if needed. */
  async patchWidget(
    viewer: Viewer,
    widgetId: string,
    settings: WidgetSettingsDto,
    ifMatch?: string,
  ): Promise<DashboardDto> {
    const current = await this.resolve(viewer);
    precondition(current.view, ifMatch);
    const widgets = current.view.layout.widgets;
    const index = widgets.findIndex((w) => w.id.toLowerCase() === widgetId.toLowerCase());
    if (index < 0) throw new NotFoundException(`No widget ${widgetId} is on your dashboard`);
    // Only the settings given: a DTO instance can hold its absent fields as undefined.
    const given = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
    const widget = { ...widgets[index], settings: { ...widgets[index].settings, ...given } };
    const problems = settingsProblems(widget, '');
    if (problems.length > 0) throw new BadRequestException(problems);
    await this.filterCheck.check([['', widget]], viewer, 'user');
    const layout = { ...current.view.layout, widgets: widgets.map((w, i) => (i === index ? widget : w)) };
    return this.save(viewer, layout, current, ifMatch);
  }

  /** Drops the viewer's own layout: they see their default again. */
  async reset(viewer: Viewer, ifMatch?: string): Promise<DashboardDto> {
    const current = await this.resolve(viewer);
    precondition(current.view, ifMatch);
    const expected = ifMatch === undefined ? undefined : current.own?.version;
    if (current.own && !(await this.store.remove('user', viewer.userId, expected))) throw changedMeanwhile();
    return this.get(viewer);
  }

  private async save(viewer: Viewer, layout: DashboardLayoutDto, current: Resolved, ifMatch?: string) {
    const ordered = inReadingOrder(layout);
    assertStorable(ordered);
    // With If-Match, the write must find exactly what was checked: that version, or still nothing.
    const expected = ifMatch === undefined ? undefined : (current.own?.version ?? null);
    const saved = await this.store.save('user', viewer.userId, ordered, viewer.userId, expected);
    if (!saved) throw changedMeanwhile();
    return storedView(await this.hierarchy.current(), saved, ordered, userEtag(saved.version));
  }

  private async resolve(viewer: Viewer): Promise<Resolved> {
    const hierarchy = await this.hierarchy.current();
    const above = rolesAbove(hierarchy, viewer.roleId);
    const rows = await this.store.forViewer(viewer.userId, above);
    const own = rows.find((r) => r.kind === 'user');
    // The ETag stays the stored layout's even when it cannot be shown, so it can still be replaced.
    const ownEtag = own && userEtag(own.version);
    const notices: string[] = [];
    if (own) {
      const read = readLayout(own.document);
      if (read.value) return { own, view: storedView(hierarchy, own, read.value, ownEtag!) };
      notices.push(`Your saved layout is not shown: ${read.problems.join('; ')}`);
    }
    for (const roleId of above) {
      const team = rows.find((r) => r.kind === 'team' && r.ownerId === roleId);
      if (!team) continue;
      const read = readLayout(team.document);
      if (read.value)
        return {
          own,
          view: storedView(hierarchy, team, read.value, ownEtag ?? teamEtag(roleId, team.version), notices),
        };
      const role = roleRecord(hierarchy, roleId);
      notices.push(`The team default of ${role.name ?? roleId} is not shown: ${read.problems.join('; ')}`);
    }
    return { own, view: productView(notices, ownEtag ?? PRODUCT_ETAG) };
  }
}

function precondition(current: DashboardDto, ifMatch: string | undefined): void {
  if (ifMatch !== undefined && !ifMatchHolds(ifMatch, current.etag))
    throw new PreconditionFailedException(
      `Your dashboard has changed since you read it (its ETag is now ${current.etag}): read it again and reapply your change`,
    );
}

const changedMeanwhile = () =>
  new PreconditionFailedException(
    'Your dashboard changed while this request ran: read it again and reapply your change',
  );
