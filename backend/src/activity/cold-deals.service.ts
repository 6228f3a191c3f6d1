import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VisibleMirror } from '../access/visible-mirror';
import type { Viewer } from '../access/viewer';
import { AnalyticsFiltersService, opportunitySegment } from '../analytics/filters/analytics-filters.service';
import { SqlParams } from '../analytics/filters/sql-params';
import { PulseConfig } from '../config/pulse-config';
import { mirrorAsOf } from '../pipeline/mirror-as-of';
import { coldDealsSql, coldPage, COLD_TOTALS } from './cold-deals-sql';
import type { ColdDealDto, ColdDealsDto } from './dto/cold-deals.dto';
import type { ColdDealsQueryDto } from './dto/cold-deals-query.dto';

type PageRow = Omit<ColdDealDto, 'amount'> & { amount: string | null };

@Injectable()
export class ColdDealsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mirror: VisibleMirror,
    private readonly filters: AnalyticsFiltersService,
    private readonly config: PulseConfig,
  ) {}

  async coldDeals(
    query: ColdDealsQueryDto,
    viewer: Viewer,
    today = new Date().toISOString().slice(0, 10),
  ): Promise<ColdDealsDto> {
    const filters = await this.filters.resolve(query, viewer, today);
    const { days = 14, limit = 50, offset = 0 } = query;
    const params = new SqlParams();
    const todayParam = `${params.add(today)}::date`;
    const cold = coldDealsSql({
      segment: opportunitySegment(filters, params),
      from: `${params.add(filters.period.from)}::date`,
      to: `${params.add(filters.period.to)}::date`,
      today: todayParam,
      days: params.add(days),
    });
    const pageParams = [...params.values, limit, offset];
    const page = coldPage(todayParam, `$${pageParams.length - 1}`, `$${pageParams.length}`);
    const [[totals], rows, asOf] = await Promise.all([
      this.mirror.query<{ count: number; amount: string }>(viewer, `${cold}\n${COLD_TOTALS}`, params.values),
      this.mirror.query<PageRow>(viewer, `${cold}\n${page}`, pageParams),
      mirrorAsOf(this.db),
    ]);
    return {
      currencyIsoCode: this.config.currency,
      asOf,
      period: filters.period,
      days,
      today,
      totals: { count: totals.count, amount: Number(totals.amount) },
      total: totals.count,
      limit,
      offset,
      deals: rows.map((r) => ({ ...r, amount: r.amount === null ? null : Number(r.amount) })),
    };
  }
}
