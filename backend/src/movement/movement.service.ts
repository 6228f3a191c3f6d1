import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VisibleMirror } from '../access/visible-mirror';
import type { Viewer } from '../access/viewer';
import { AnalyticsFiltersService, opportunitySegment } from '../analytics/filters/analytics-filters.service';
import { SqlParams } from '../analytics/filters/sql-params';
import { PulseConfig } from '../config/pulse-config';
import { cents } from '../pipeline/money';
import { mirrorAsOf } from '../pipeline/mirror-as-of';
import type { MovementDto, WaterfallStepDto } from './dto/movement.dto';
import type { MovementQueryDto } from './dto/movement-query.dto';
import { FLOW_NAMES, movementOf, type Flow, type FlowName, type SnapshotGroup } from './movement-flows';
import { snapshotSql } from './movement-sql';

type Row = Omit<SnapshotGroup, 'amountFrom' | 'amountTo'> & { amountFrom: string; amountTo: string };

const utcMidnight = (day: string) => `${day}T00:00:00.000Z`;
const nextDay = (day: string) => new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);

@Injectable()
export class MovementService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mirror: VisibleMirror,
    private readonly filters: AnalyticsFiltersService,
    private readonly config: PulseConfig,
  ) {}

  async movement(query: MovementQueryDto, viewer: Viewer, today = new Date().toISOString().slice(0, 10)) {
    // Snapshot dates alone (the documented form) mean a custom period between them.
    const period = query.period ?? (query.from !== undefined || query.to !== undefined ? 'custom' : undefined);
    const filters = await this.filters.resolve({ ...query, period }, viewer, today);
    const from = filters.period.from;
    // The second snapshot never lies ahead of today (nor before the first).
    const latest = filters.period.to < today ? filters.period.to : today;
    const to = latest < from ? from : latest;
    const params = new SqlParams();
    const sql = snapshotSql({
      segment: opportunitySegment(filters, params),
      startAt: `${params.add(utcMidnight(from))}::timestamptz`,
      endAt: `${params.add(utcMidnight(nextDay(to)))}::timestamptz`,
      periodFrom: `${params.add(filters.period.from)}::date`,
      periodTo: `${params.add(filters.period.to)}::date`,
    });
    const [rows, asOf] = await Promise.all([this.mirror.query<Row>(viewer, sql, params.values), mirrorAsOf(this.db)]);
    const { flows, amountChanged } = movementOf(
      rows.map((r) => ({ ...r, amountFrom: Number(r.amountFrom), amountTo: Number(r.amountTo) })),
    );
    const rounded = Object.fromEntries(
      FLOW_NAMES.map((n) => [n, { count: flows[n].count, amount: cents(flows[n].amount) }]),
    ) as Record<FlowName, Flow>;
    return {
      currencyIsoCode: this.config.currency,
      asOf,
      period: filters.period,
      from,
      to,
      flows: rounded,
      amountChanged: cents(amountChanged),
      waterfall: waterfall(rounded, cents(amountChanged)),
    } satisfies MovementDto;
  }
}

function waterfall(flows: Record<FlowName, Flow>, amountChanged: number): WaterfallStepDto[] {
  const delta = (step: WaterfallStepDto['step'], sign: 1 | -1): WaterfallStepDto => ({
    step,
    kind: 'delta',
    count: sign * flows[step as FlowName].count,
    amount: sign * flows[step as FlowName].amount,
  });
  return [
    { step: 'start', kind: 'total', ...flows.start },
    { step: 'amountChanged', kind: 'delta', count: 0, amount: amountChanged },
    delta('new', 1),
    delta('pulledIn', 1),
    delta('reopened', 1),
    delta('won', -1),
    delta('lost', -1),
    delta('pushedOut', -1),
    { step: 'end', kind: 'total', ...flows.end },
  ];
}
