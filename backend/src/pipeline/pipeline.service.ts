import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VisibleMirror } from '../access/visible-mirror';
import type { Viewer } from '../access/viewer';
import type { AnalyticsFiltersDto } from '../analytics/filters/analytics-filters.dto';
import {
  AnalyticsFiltersService,
  opportunitySegment,
  type ResolvedFilters,
} from '../analytics/filters/analytics-filters.service';
import { SqlParams } from '../analytics/filters/sql-params';
import { PulseConfig } from '../config/pulse-config';
import { closingIn, isOpen } from './deal-predicates';
import type { PipelineByCloseMonthDto } from './dto/pipeline-by-close-month.dto';
import { FORECAST_CATEGORIES, type PipelineByForecastCategoryDto } from './dto/pipeline-by-forecast-category.dto';
import type { PipelineByOwnerDto } from './dto/pipeline-by-owner.dto';
import type { PipelineByStageDto, StageTotalDto } from './dto/pipeline-by-stage.dto';
import type { PipelineQueryDto } from './dto/pipeline-query.dto';
import { mirrorAsOf } from './mirror-as-of';
import { cents } from './money';
import { byCloseMonthSql, byForecastCategorySql, byOwnerSql, byStageSql } from './pipeline.sql';

type Numeric<T, K extends keyof T> = Omit<T, K> & Record<K, string>;

/** Pipeline breakdowns, each one grouped query over the viewer's deals. */
@Injectable()
export class PipelineService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mirror: VisibleMirror,
    private readonly filters: AnalyticsFiltersService,
    private readonly config: PulseConfig,
  ) {}

  async byStage(query: PipelineQueryDto, viewer: Viewer): Promise<PipelineByStageDto> {
    const includeClosed = query.includeClosed ?? false;
    const filters = await this.filters.resolve(query, viewer);
    const params = new SqlParams();
    const where = [opportunitySegment(filters, params)];
    const period = query.period ? filters.period : null; // no period: the whole pipeline, as before filters
    if (period) where.push(closingIn(period, params));
    if (!includeClosed) where.push(isOpen());
    const sql = byStageSql(where.join(' AND '), `${params.add(includeClosed)}::boolean`);
    const [rows, asOf] = await Promise.all([
      this.mirror.query<Numeric<StageTotalDto, 'amount'>>(viewer, sql, params.values),
      mirrorAsOf(this.db),
    ]);
    const stages = rows.map((r) => ({ ...r, amount: cents(r.amount) }));
    return {
      currencyIsoCode: this.config.currency,
      includeClosed,
      asOf,
      period,
      totals: {
        amount: cents(stages.reduce((sum, s) => sum + s.amount, 0)),
        count: stages.reduce((sum, s) => sum + s.count, 0),
      },
      stages,
    };
  }

  async byOwner(query: AnalyticsFiltersDto, viewer: Viewer): Promise<PipelineByOwnerDto> {
    const { filters, rows, asOf } = await this.openInPeriod(query, viewer, byOwnerSql);
    const owners = rows.map((r) => ({
      ownerId: String(r.ownerId),
      ownerName: (r.ownerName as string | null) ?? null,
      amount: cents(r.amount),
      count: Number(r.count),
      weighted: cents(r.weighted),
    }));
    return { currencyIsoCode: this.config.currency, asOf, period: filters.period, owners };
  }

  async byCloseMonth(query: AnalyticsFiltersDto, viewer: Viewer): Promise<PipelineByCloseMonthDto> {
    const { filters, rows, asOf } = await this.openInPeriod(query, viewer, (where, params, f) =>
      byCloseMonthSql(where, params.add(f.period.from), params.add(f.period.to)),
    );
    const months = rows.map((r) => ({
      month: String(r.month),
      amount: cents(r.amount),
      count: Number(r.count),
      weighted: cents(r.weighted),
    }));
    return { currencyIsoCode: this.config.currency, asOf, period: filters.period, months };
  }

  /** Closed deals too: Closed and Omitted would otherwise always be empty. */
  async byForecastCategory(query: AnalyticsFiltersDto, viewer: Viewer): Promise<PipelineByForecastCategoryDto> {
    const filters = await this.filters.resolve(query, viewer);
    const params = new SqlParams();
    const where = `${opportunitySegment(filters, params)} AND ${closingIn(filters.period, params)}`;
    const [rows, asOf] = await Promise.all([
      this.mirror.query(viewer, byForecastCategorySql(where), params.values),
      mirrorAsOf(this.db),
    ]);
    const found = new Map(rows.map((r) => [(r.forecastCategory as string | null) ?? '(none)', r]));
    const others = [...found.keys()].filter((c) => !(FORECAST_CATEGORIES as readonly string[]).includes(c)).sort();
    const categories = [...FORECAST_CATEGORIES, ...others].map((forecastCategory) => {
      const r = found.get(forecastCategory);
      return {
        forecastCategory,
        amount: cents(r?.amount as string),
        count: Number(r?.count ?? 0),
        weighted: cents(r?.weighted as string),
      };
    });
    return { currencyIsoCode: this.config.currency, asOf, period: filters.period, categories };
  }

  /** Open deals closing in the period, through the viewer's filters, grouped by `sql`. */
  private async openInPeriod(
    query: AnalyticsFiltersDto,
    viewer: Viewer,
    sql: (where: string, params: SqlParams, filters: ResolvedFilters) => string,
  ) {
    const filters = await this.filters.resolve(query, viewer);
    const params = new SqlParams();
    const where = [opportunitySegment(filters, params), closingIn(filters.period, params), isOpen()].join(' AND ');
    const text = sql(where, params, filters);
    const [rows, asOf] = await Promise.all([
      this.mirror.query<Record<string, string | number | null>>(viewer, text, params.values),
      mirrorAsOf(this.db),
    ]);
    return { filters, rows, asOf };
  }
}
