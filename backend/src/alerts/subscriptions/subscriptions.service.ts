import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { RoleHierarchyService } from '../../access/role-hierarchy.service';
import type { Viewer } from '../../access/viewer';
import {
  ADMIN_RULES,
  RULE_PARAMS,
  resolveParams,
  type AlertParams,
  type ParamName,
  type RuleKind,
  type Scope,
} from '../rule-kinds';
import { ActiveSubscriptions } from './active-subscriptions';
import type { AlertSubscriptionDto, AlertSubscriptionListDto } from './dto/alert-subscription.dto';
import type { CreateAlertSubscriptionDto, UpdateAlertSubscriptionDto } from './dto/alert-subscription-input.dto';
import type { Subscription } from './subscription';
import { SubscriptionStore } from './subscription-store';

/** The given parameters without the ones left out (undefined), as stored. */
const given = (params: AlertParams | undefined): AlertParams =>
  Object.fromEntries(Object.entries(params ?? {}).filter(([, v]) => v !== undefined && v !== null));

/** A person's own subscriptions: created, changed and deleted only by them, for what they may see. */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly store: SubscriptionStore,
    private readonly hierarchy: RoleHierarchyService,
    private readonly active: ActiveSubscriptions,
  ) {}

  async list(viewer: Viewer): Promise<AlertSubscriptionListDto> {
    return { subscriptions: (await this.store.list(viewer.userId)).map(toDto) };
  }

  async get(viewer: Viewer, id: number): Promise<AlertSubscriptionDto> {
    return toDto(await this.find(viewer, id));
  }

  async create(viewer: Viewer, input: CreateAlertSubscriptionDto): Promise<AlertSubscriptionDto> {
    const scope = input.scope ?? 'self';
    const params = given(input.params);
    await this.check(viewer, input.ruleKind, scope, params);
    const created = await this.store.insert({
      userId: viewer.userId,
      ruleKind: input.ruleKind,
      scope,
      params,
      active: input.active ?? true,
    });
    this.active.invalidate();
    return toDto(created);
  }

  async update(viewer: Viewer, id: number, input: UpdateAlertSubscriptionDto): Promise<AlertSubscriptionDto> {
    const current = await this.find(viewer, id);
    const next: Subscription = {
      ...current,
      scope: input.scope ?? current.scope,
      params: input.params === undefined ? current.params : given(input.params),
      active: input.active ?? current.active,
    };
    await this.check(viewer, next.ruleKind, next.scope, next.params);
    const updated = await this.store.update(next);
    if (!updated) throw notFound(id);
    this.active.invalidate();
    return toDto(updated);
  }

  async remove(viewer: Viewer, id: number): Promise<void> {
    if (!isId(id) || !(await this.store.delete(viewer.userId, id))) throw notFound(id);
    this.active.invalidate();
  }

  private async find(viewer: Viewer, id: number): Promise<Subscription> {
    const found = isId(id) ? await this.store.get(viewer.userId, id) : undefined;
    if (!found) throw notFound(id);
    return found;
  }

  /** 400 for what no one may ask, 403 for what this viewer may not. */
  private async check(viewer: Viewer, kind: RuleKind, scope: Scope, params: AlertParams): Promise<void> {
    const takes = Object.keys(RULE_PARAMS[kind]) as ParamName[];
    for (const name of Object.keys(params) as ParamName[])
      if (!takes.includes(name))
        throw new BadRequestException(
          `params.${name} does not apply to ${kind} (${takes.length > 0 ? `it takes ${takes.join(', ')}` : 'it takes no parameters'})`,
        );
    if (ADMIN_RULES.includes(kind)) {
      if (scope !== 'self')
        throw new BadRequestException(`scope must be self for ${kind}: it is about the sync, not deals`);
      if (!viewer.viewAll) throw new ForbiddenException(`${kind} alerts are for admins (users who can view all data)`);
      return;
    }
    if (scope === 'team') {
      const hierarchy = await this.hierarchy.current();
      if (hierarchy.visibleOwners(viewer.userId).length <= 1)
        throw new ForbiddenException('scope team needs people below you in the role hierarchy, and there is nobody');
    }
  }
}

/** Ids are bigserial: anything else names no subscription (rather than a database error). */
const isId = (id: number) => Number.isSafeInteger(id) && id > 0;
const notFound = (id: number) => new NotFoundException(`You have no alert subscription ${id}`);

function toDto(s: Subscription): AlertSubscriptionDto {
  return {
    id: s.id,
    ruleKind: s.ruleKind,
    scope: s.scope,
    params: resolveParams(s.ruleKind, s.params),
    active: s.active,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
