import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VisibleMirror } from '../access/visible-mirror';
import type { Viewer } from '../access/viewer';
import { AnalyticsFiltersService, opportunitySegment } from '../analytics/filters/analytics-filters.service';
import { SqlParams } from '../analytics/filters/sql-params';
import { PulseConfig } from '../config/pulse-config';
import { closingIn } from '../pipeline/deal-predicates';
import { mirrorAsOf } from '../pipeline/mirror-as-of';
import type { OpportunityRowDto, TopOpportunitiesDto } from './dto/top-opportunities.dto';
import type { SortKey, TopOpportunitiesQueryDto } from './dto/top-opportunities-query.dto';
import { countSql, orderBy, pageSql, STATUS_SQL } from './top-opportunities.sql';

const ASCENDING_BY_DEFAULT: readonly SortKey[] = ['closeDate', 'name'];

type Row = Omit<OpportunityRowDto, 'amount' | 'probability'> & { amount: string | null; probability: string | null };

/** A sortable, paginated list of the viewer's deals, with the names a widget shows. */
@Injectable()
export class TopOpportunitiesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mirror: VisibleMirror,
    private readonly filters: AnalyticsFiltersService,
    private readonly config: PulseConfig,
  ) {}

  async top(query: TopOpportunitiesQueryDto, viewer: Viewer): Promise<TopOpportunitiesDto> {
    const filters = await this.filters.resolve(query, viewer);
    const status = query.status ?? 'open';
    const sort = query.sort ?? 'amount';
    const direction = query.direction ?? (ASCENDING_BY_DEFAULT.includes(sort) ? 'asc' : 'desc');
    const limit = query.limit ?? 25;
    const offset = query.offset ?? 0;

    const params = new SqlParams();
    const where = [opportunitySegment(filters, params), closingIn(filters.period, params), STATUS_SQL[status]].join(
      ' AND ',
    );
    const whereParams = [...params.values]; // the count reads these; the page adds its own after them
    const page = pageSql(where, orderBy(sort, direction), params.add(limit), params.add(offset));
    const [rows, [{ total }], asOf] = await Promise.all([
      this.mirror.query<Row>(viewer, page, params.values),
      this.mirror.query<{ total: number }>(viewer, countSql(where), whereParams),
      mirrorAsOf(this.db),
    ]);
    return {
      currencyIsoCode: this.config.currency,
      asOf,
      period: filters.period,
      status,
      sort,
      direction,
      total,
      limit,
      offset,
      nextOffset: offset + rows.length < total ? offset + rows.length : null,
      opportunities: rows.map((r) => ({
        ...r,
        amount: r.amount === null ? null : Number(r.amount),
        probability: r.probability === null ? null : Number(r.probability),
      })),
    };
  }
}
