import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RoleHierarchyService } from '../../access/role-hierarchy.service';
import type { Viewer } from '../../access/viewer';
import { VisibleMirror } from '../../access/visible-mirror';
import type { AnalyticsFiltersDto } from '../../analytics/filters/analytics-filters.dto';
import { AnalyticsFiltersService, opportunitySegment } from '../../analytics/filters/analytics-filters.service';
import { SqlParams } from '../../analytics/filters/sql-params';
import { PulseConfig } from '../../config/pulse-config';
import { scopeQuota } from '../../kpis/quota-holders';
import { mirrorAsOf } from '../../pipeline/mirror-as-of';
import type { CategoryForecastDto } from '../dto/category-forecast.dto';
import { Quarters } from '../history/quarters';
import { combine, figures } from './category-dto';
import { addAmounts, addToCategory, emptyAmounts } from './category-figures';
import { rollUpCategories, type UserFigures } from './category-rollup';
import { categoryAmountsSql, quotasSql } from './category-sql';
import { quarterPieces } from './quarter-pieces';

/**
 * Collaborative Forecasts' category forecast from the mirror: per user and period, the Amount of
 * deals closing in it by forecast category (won ones as Closed), per category and cumulative,
 * against quota, rolled up the role hierarchy over what the viewer may see.
 */
@Injectable()
export class CategoryForecastService {
  private readonly quarters: Quarters;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mirror: VisibleMirror,
    private readonly filters: AnalyticsFiltersService,
    private readonly hierarchy: RoleHierarchyService,
    private readonly config: PulseConfig,
  ) {
    this.quarters = new Quarters(config.fiscalYearStartMonth);
  }

  async forecast(query: AnalyticsFiltersDto, viewer: Viewer): Promise<CategoryForecastDto> {
    const filters = await this.filters.resolve(query, viewer);
    const periods = quarterPieces(filters.period, this.quarters);
    const buckets = `{${periods.map((p) => p.from).join(',')}}`;
    const params = new SqlParams();
    const range = {
      from: params.add(filters.period.from),
      to: params.add(filters.period.to),
      buckets: params.add(buckets),
    };
    const amountsSql = categoryAmountsSql({ ...range, segment: opportunitySegment(filters, params) });
    const quotaParams = new SqlParams();
    const quotaRange = {
      from: quotaParams.add(filters.period.from),
      to: quotaParams.add(filters.period.to),
      buckets: quotaParams.add(buckets),
      owners: filters.ownerIds ? `q.quota_owner_id = ANY(${quotaParams.add(filters.ownerIds)}::varchar[])` : 'TRUE',
    };
    const [amounts, quotas, hierarchy, asOf] = await Promise.all([
      this.mirror.query<{ ownerId: string; period: number; category: string; amount: number }>(
        viewer,
        amountsSql,
        params.values,
      ),
      this.mirror.query<{ ownerId: string; period: number; amount: number }>(
        viewer,
        quotasSql(quotaRange),
        quotaParams.values,
      ),
      this.hierarchy.current(),
      mirrorAsOf(this.db),
    ]);

    const users = new Map<string, UserFigures>();
    const userOf = (id: string) => {
      let user = users.get(id);
      if (!user) {
        user = { userId: id, roleId: hierarchy.user(id)?.roleId ?? null, periods: periods.map(emptyAmounts) };
        users.set(id, user);
      }
      return user;
    };
    for (const row of amounts) addToCategory(userOf(row.ownerId).periods[row.period - 1], row.category, row.amount);
    for (const row of quotas) {
      const period = userOf(row.ownerId).periods[row.period - 1];
      period.quota = (period.quota ?? 0) + row.amount;
    }
    const listed = [...users.values()].sort(
      (a, b) => nameOf(a.userId).localeCompare(nameOf(b.userId)) || a.userId.localeCompare(b.userId),
    );
    function nameOf(id: string) {
      return hierarchy.user(id)?.name ?? id;
    }

    // The viewer's part of the hierarchy (a team filter narrows it to the team's roles).
    const team = query.teamRoleId ? hierarchy.findRole(query.teamRoleId)?.id : undefined;
    const top = team ?? (viewer.viewAll ? null : viewer.roleId);
    const scope = top ? [top, ...hierarchy.rolesBelow(top)] : viewer.viewAll ? [...hierarchy.roles.keys()] : [];
    const roles = rollUpCategories(hierarchy.roles, scope, listed, periods.length);

    // The whole: amounts add up; a quota counts once per team (see scopeQuota).
    const total = periods.map((_, k) => {
      const sum = emptyAmounts();
      for (const user of listed) addAmounts(sum, user.periods[k]);
      sum.quota = scopeQuota(
        listed.flatMap((u) =>
          u.periods[k].quota === null ? [] : [{ ownerId: u.userId, amount: u.periods[k].quota! }],
        ),
        hierarchy,
      );
      return sum;
    });
    return {
      currencyIsoCode: this.config.currency,
      asOf,
      period: filters.period,
      periods,
      total: figures(combine(total)),
      users: listed.map((u) => ({
        userId: u.userId,
        name: nameOf(u.userId),
        roleId: u.roleId,
        total: figures(combine(u.periods)),
        byPeriod: u.periods.map(figures),
      })),
      roles: roles.map(({ periods: byPeriod, ...role }) => ({
        ...role,
        total: figures(combine(byPeriod)),
        byPeriod: byPeriod.map(figures),
      })),
    };
  }
}
