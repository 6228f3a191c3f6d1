import { ApiProperty } from '@nestjs/swagger';
import { ReportedPeriodDto } from '../../pipeline/dto/reported-period.dto';

export class DealSumDto {
  @ApiProperty({ example: 1250000, description: 'Sum of Amount (a deal without Amount adds 0).' }) amount: number;
  @ApiProperty({ example: 18, description: 'Number of deals.' }) count: number;
}

// Every figure below says how it is computed; "the deals" are always the viewer's deals that pass the
// filters (owner or team, type, product, industry, account size).
export class KpisDto {
  @ApiProperty({ example: 'USD', description: 'Currency of every amount.' }) currencyIsoCode: string;
  @ApiProperty({
    example: '2026-11-24T10:00:00.000Z',
    nullable: true,
    type: String,
    description: 'When the mirror last changed.',
  })
  asOf: string | null;
  @ApiProperty({ type: ReportedPeriodDto, description: 'Every figure reads deals whose CloseDate falls in it.' })
  period: ReportedPeriodDto;

  @ApiProperty({ type: DealSumDto, description: 'Open deals (IsClosed false) whose CloseDate is in the period.' })
  openPipeline: DealSumDto;
  @ApiProperty({ example: 512000, description: 'Σ Amount × Probability / 100 over the open pipeline.' })
  weightedPipeline: number;
  @ApiProperty({ type: DealSumDto, description: 'Won deals (IsWon true) whose CloseDate is in the period.' })
  closedWon: DealSumDto;
  @ApiProperty({
    type: DealSumDto,
    description: 'Lost deals (IsClosed true, IsWon false) whose CloseDate is in the period.',
  })
  closedLost: DealSumDto;

  @ApiProperty({
    example: 0.36,
    nullable: true,
    type: Number,
    description:
      'closedWon.count / (closedWon.count + closedLost.count), 0..1; null when no deal closed in the period.',
  })
  winRateByCount: number | null;
  @ApiProperty({
    example: 0.31,
    nullable: true,
    type: Number,
    description: 'closedWon.amount / (closedWon.amount + closedLost.amount), 0..1; null when that sum is 0.',
  })
  winRateByValue: number | null;
  @ApiProperty({
    example: 69444.44,
    nullable: true,
    type: Number,
    description: 'closedWon.amount / closedWon.count; null when nothing was won.',
  })
  averageDealSize: number | null;
  @ApiProperty({
    example: 74.5,
    nullable: true,
    type: Number,
    description:
      'Mean over the won deals of (CloseDate − the UTC calendar day of CreatedDate) in days; null when nothing was won.',
  })
  averageSalesCycleDays: number | null;
  @ApiProperty({
    example: 2400000,
    nullable: true,
    type: Number,
    description:
      'Σ QuotaAmount of the ForecastingQuota rows whose StartDate is in the period, for the owners in scope (the ' +
      "viewer's users, narrowed by ownerId or teamRoleId). A manager's quota already covers their team, so a quota " +
      'whose owner sits below another quota holder in scope (in the role hierarchy) is not added again. Segment filters ' +
      'do not change it. null when no such row exists.',
  })
  quota: number | null;
  @ApiProperty({
    example: 2.8,
    nullable: true,
    type: Number,
    description:
      'openPipeline.amount / (quota − closedWon.amount): how many times the open pipeline covers the quota still ' +
      'to close; null without a quota or when it is already met (denominator ≤ 0).',
  })
  pipelineCoverage: number | null;
  @ApiProperty({
    example: 12150.5,
    nullable: true,
    type: Number,
    description:
      'openPipeline.count × winRateByCount × averageDealSize / averageSalesCycleDays: expected bookings per day; ' +
      'null when any of them is null or the cycle is not positive.',
  })
  salesVelocity: number | null;
}
