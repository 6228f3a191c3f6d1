import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RoleHierarchyService } from '../access/role-hierarchy.service';
import { VisibleMirror } from '../access/visible-mirror';
import type { Viewer } from '../access/viewer';
import type { AnalyticsFiltersDto } from '../analytics/filters/analytics-filters.dto';
import { AnalyticsFiltersService, opportunitySegment } from '../analytics/filters/analytics-filters.service';
import { SqlParams } from '../analytics/filters/sql-params';
import { PulseConfig } from '../config/pulse-config';
import { isWon } from '../pipeline/deal-predicates';
import { cents } from '../pipeline/money';
import { mirrorAsOf } from '../pipeline/mirror-as-of';
import type { QuotaAttainmentDto, UserAttainmentDto } from './dto/quota-attainment.dto';
import { rollUp } from './quota-rollup';

interface UserRow {
  userId: string;
  name: string;
  roleId: string | null;
  quota: string | null;
  won: string;
  wonCount: number;
}

/**
 * Per user in scope: quota (ForecastingQuota starting in the period) and wins (CloseDate in the
 * period). Users listed: active ones, and any other holding a quota or a win in the period.
 */
function attainmentSql(p: { owners: string; segment: string; from: string; to: string }): string {
  return `
    WITH quota AS (
      SELECT q.quota_owner_id AS user_id, sum(q.quota_amount) AS amount FROM visible_quota q
      WHERE q.start_date BETWEEN ${p.from} AND ${p.to} GROUP BY 1),
    won AS (
      SELECT o.owner_id AS user_id, sum(COALESCE(o.amount, 0)) AS amount, count(*)::int AS count
      FROM visible_opportunity o
      WHERE ${isWon('o')} AND o.close_date BETWEEN ${p.from} AND ${p.to} AND ${p.segment} GROUP BY 1)
    SELECT u.salesforce_id AS "userId", u.name, u.user_role_id AS "roleId", quota.amount::text AS quota,
           COALESCE(won.amount, 0)::text AS won, COALESCE(won.count, 0) AS "wonCount"
    FROM visible_user u
    LEFT JOIN quota ON quota.user_id = u.salesforce_id
    LEFT JOIN won ON won.user_id = u.salesforce_id
    WHERE ${p.owners} AND (COALESCE(u.is_active, false) OR quota.user_id IS NOT NULL OR won.user_id IS NOT NULL)
    ORDER BY u.name, u.salesforce_id`;
}

@Injectable()
export class QuotaService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mirror: VisibleMirror,
    private readonly filters: AnalyticsFiltersService,
    private readonly hierarchy: RoleHierarchyService,
    private readonly config: PulseConfig,
  ) {}

  async attainment(query: AnalyticsFiltersDto, viewer: Viewer): Promise<QuotaAttainmentDto> {
    const filters = await this.filters.resolve(query, viewer);
    const params = new SqlParams();
    const sql = attainmentSql({
      // The owner filter picks the people; the rest of the segment narrows their wins only.
      owners: filters.ownerIds ? `u.salesforce_id = ANY(${params.add(filters.ownerIds)}::varchar[])` : 'TRUE',
      segment: opportunitySegment({ ...filters, ownerIds: null }, params),
      from: `${params.add(filters.period.from)}::date`,
      to: `${params.add(filters.period.to)}::date`,
    });
    const [rows, hierarchy, asOf] = await Promise.all([
      this.mirror.query<UserRow>(viewer, sql, params.values),
      this.hierarchy.current(),
      mirrorAsOf(this.db),
    ]);
    const users: UserAttainmentDto[] = rows.map((r) => {
      const quotaAmount = r.quota === null ? null : Number(r.quota);
      const closedWonAmount = Number(r.won);
      return {
        userId: r.userId,
        name: r.name,
        roleId: r.roleId,
        quotaAmount,
        closedWonAmount,
        closedWonCount: r.wonCount,
        attainment: quotaAmount ? closedWonAmount / quotaAmount : null,
      };
    });
    // The viewer's part of the hierarchy: their role and those below it (every role for view-all).
    const scope = viewer.viewAll
      ? [...hierarchy.roles.keys()]
      : viewer.roleId
        ? [viewer.roleId, ...hierarchy.rolesBelow(viewer.roleId)]
        : [];
    return {
      currencyIsoCode: this.config.currency,
      asOf,
      period: filters.period,
      users,
      // Sums of cents in floating point: rounded back to cents on the way out.
      roles: rollUp(hierarchy.roles, scope, users).map((r) => ({
        ...r,
        quotaAmount: r.quotaAmount === null ? null : cents(r.quotaAmount),
        subtreeQuotaAmount: r.subtreeQuotaAmount === null ? null : cents(r.subtreeQuotaAmount),
        closedWonAmount: cents(r.closedWonAmount),
      })),
    };
  }
}
