import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { RoleHierarchyService } from '../../access/role-hierarchy.service';
import type { Viewer } from '../../access/viewer';
import { PulseConfig } from '../../config/pulse-config';
import type { AccountSize, AnalyticsFiltersDto } from './analytics-filters.dto';
import { resolvePeriod, type Period } from './fiscal-period';
import type { SqlParams } from './sql-params';

/** Longest custom period: enough for multi-year trends, short of a scan nobody asked for. */
const MAX_CUSTOM_DAYS = 366 * 5;

export interface ResolvedFilters {
  period: Period;
  /** Owners the filters name (ownerId or a team); null: no owner filter (the viewer's scope still applies). */
  ownerIds: string[] | null;
  type?: string;
  productId?: string;
  industry?: string;
  accountSize?: AccountSize;
}

/** Turns query filters into a period and owner set, refusing what the viewer may not ask for. */
@Injectable()
export class AnalyticsFiltersService {
  constructor(
    private readonly config: PulseConfig,
    private readonly hierarchy: RoleHierarchyService,
  ) {}

  /** `today` is a parameter so tests and backtests can stand on any day. */
  async resolve(
    dto: AnalyticsFiltersDto,
    viewer: Viewer,
    today = new Date().toISOString().slice(0, 10),
  ): Promise<ResolvedFilters> {
    return {
      period: this.period(dto, today),
      ownerIds: await this.owners(dto, viewer),
      type: dto.type,
      productId: dto.productId,
      industry: dto.industry,
      accountSize: dto.accountSize,
    };
  }

  private period(dto: AnalyticsFiltersDto, today: string): Period {
    const name = dto.period ?? 'this_quarter';
    if (name !== 'custom') {
      if (dto.from || dto.to) throw new BadRequestException('from and to are only allowed with period=custom');
      return resolvePeriod(name, today, this.config.fiscalYearStartMonth);
    }
    if (!dto.from || !dto.to) throw new BadRequestException('period=custom needs both from and to');
    if (dto.from > dto.to) throw new BadRequestException(`from (${dto.from}) must not be after to (${dto.to})`);
    const days = (Date.parse(dto.to) - Date.parse(dto.from)) / 86_400_000;
    if (days > MAX_CUSTOM_DAYS) throw new BadRequestException('a custom period may span at most 5 years');
    return { from: dto.from, to: dto.to, label: `${dto.from} to ${dto.to}` };
  }

  private async owners(dto: AnalyticsFiltersDto, viewer: Viewer): Promise<string[] | null> {
    if (dto.ownerId && dto.teamRoleId) throw new BadRequestException('give ownerId or teamRoleId, not both');
    const hierarchy = await this.hierarchy.current();
    if (dto.ownerId) {
      const user = hierarchy.findUser(dto.ownerId);
      if (!user) throw new BadRequestException(`ownerId ${dto.ownerId} is not a user of the org`);
      if (viewer.ownerIds && !viewer.ownerIds.includes(user.id))
        throw new ForbiddenException(`ownerId ${dto.ownerId} is not a user whose deals you can see`);
      return [user.id];
    }
    if (dto.teamRoleId) {
      const role = hierarchy.findRole(dto.teamRoleId);
      if (!role) throw new BadRequestException(`teamRoleId ${dto.teamRoleId} is not a role in the org`);
      return hierarchy.teamMembers(role.id);
    }
    return null;
  }
}

/**
 * The filters (all but the period, whose date is the endpoint's choice) as a predicate on the
 * opportunity aliased `o`. Reads accounts and line items by subquery, so no join multiplies rows.
 */
export function opportunitySegment(filters: ResolvedFilters, params: SqlParams, o = 'o'): string {
  const clauses: string[] = [];
  if (filters.ownerIds) clauses.push(`${o}.owner_id = ANY(${params.add(filters.ownerIds)}::varchar[])`);
  if (filters.type) clauses.push(`${o}.type = ${params.add(filters.type)}`);
  if (filters.productId) {
    clauses.push(
      `EXISTS (SELECT 1 FROM visible_opportunity_line_item li WHERE li.opportunity_id = ${o}.salesforce_id AND li.product2_id = ${params.add(filters.productId)})`,
    );
  }
  const account: string[] = [];
  if (filters.industry) account.push(`a.industry = ${params.add(filters.industry)}`);
  if (filters.accountSize) account.push(SIZE_SQL[filters.accountSize]);
  if (account.length > 0) {
    clauses.push(
      `EXISTS (SELECT 1 FROM account a WHERE a.salesforce_id = ${o}.account_id AND ${account.join(' AND ')})`,
    );
  }
  return clauses.length === 0 ? 'TRUE' : clauses.join(' AND ');
}

const SIZE_SQL: Record<AccountSize, string> = {
  small: 'a.number_of_employees < 100',
  mid: 'a.number_of_employees >= 100 AND a.number_of_employees < 1000',
  enterprise: 'a.number_of_employees >= 1000',
};
