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
import { closingIn } from '../pipeline/deal-predicates';
import { mirrorAsOf } from '../pipeline/mirror-as-of';
import { cents, ratio } from '../pipeline/money';
import type { KpisDto } from './dto/kpis.dto';
import { kpiSql, quotaSql, type KpiRow } from './kpis.sql';
import { scopeQuota } from './quota-holders';

/** The headline figures for one viewer and filter set: two queries, the rest is arithmetic. */
@Injectable()
export class KpisService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mirror: VisibleMirror,
    private readonly filters: AnalyticsFiltersService,
    private readonly hierarchy: RoleHierarchyService,
    private readonly config: PulseConfig,
  ) {}

  async kpis(query: AnalyticsFiltersDto, viewer: Viewer): Promise<KpisDto> {
    const filters = await this.filters.resolve(query, viewer);
    const deals = new SqlParams();
    const where = `${opportunitySegment(filters, deals)} AND ${closingIn(filters.period, deals)}`;
    const quotas = new SqlParams();
    const quotaText = quotaSql(
      quotas.add(filters.period.from),
      quotas.add(filters.period.to),
      filters.ownerIds ? quotas.add(filters.ownerIds) : undefined,
    );
    const [[row], quotaRows, hierarchy, asOf] = await Promise.all([
      this.mirror.query<KpiRow>(viewer, kpiSql(where), deals.values),
      this.mirror.query<{ ownerId: string; amount: string }>(viewer, quotaText, quotas.values),
      this.hierarchy.current(),
      mirrorAsOf(this.db),
    ]);

    const open = { amount: cents(row.openAmount), count: row.openCount };
    const won = { amount: cents(row.wonAmount), count: row.wonCount };
    const lost = { amount: cents(row.lostAmount), count: row.lostCount };
    const winRateByCount = ratio(won.count, won.count + lost.count);
    const averageDealSize = won.count > 0 ? won.amount / won.count : null;
    const averageSalesCycleDays = row.cycleDays === null ? null : Number(row.cycleDays);
    const quota = scopeQuota(
      quotaRows.map((q) => ({ ownerId: q.ownerId, amount: Number(q.amount) })),
      hierarchy,
    );
    const velocity =
      winRateByCount === null || averageDealSize === null || !averageSalesCycleDays || averageSalesCycleDays <= 0
        ? null
        : cents((open.count * winRateByCount * averageDealSize) / averageSalesCycleDays);
    return {
      currencyIsoCode: this.config.currency,
      asOf,
      period: filters.period,
      openPipeline: open,
      weightedPipeline: cents(row.weighted),
      closedWon: won,
      closedLost: lost,
      winRateByCount,
      winRateByValue: ratio(won.amount, won.amount + lost.amount),
      averageDealSize: averageDealSize === null ? null : cents(averageDealSize),
      averageSalesCycleDays,
      quota: quota === null ? null : cents(quota),
      pipelineCoverage: quota === null ? null : ratio(open.amount, quota - won.amount),
      salesVelocity: velocity,
    };
  }
}
