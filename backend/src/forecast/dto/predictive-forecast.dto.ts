import { ApiProperty } from '@nestjs/swagger';
import { ReportedPeriodDto } from '../../pipeline/dto/reported-period.dto';
import { ModelSummaryDto } from './model-summary.dto';

export class BookingsDto {
  @ApiProperty({ example: 420000, description: 'Closed won so far with CloseDate in the period: certain.' })
  booked: number;
  @ApiProperty({ example: 1180000, description: 'Mean bookings: booked + open deals + deals not yet created.' })
  expected: number;
  @ApiProperty({ example: 980000, description: '10th percentile of simulated bookings.' }) p10: number;
  @ApiProperty({ example: 1170000 }) p50: number;
  @ApiProperty({ example: 1390000 }) p90: number;
  @ApiProperty({ example: 610000, description: 'Expected from the open deals (win and close in the period).' })
  openDeals: number;
  @ApiProperty({ example: 150000, description: 'Expected from deals not created yet (earlier quarters, scaled).' })
  newDeals: number;
  @ApiProperty({
    example: 890000,
    description: 'The weighted-pipeline baseline: booked + Amount x Probability of open deals closing in the period.',
  })
  weightedPipeline: number;
}

export class QuarterForecastDto extends BookingsDto {
  @ApiProperty({ example: '2026-10-01' }) from: string;
  @ApiProperty({ example: '2026-12-31' }) to: string;
  @ApiProperty({ example: 'Q4 FY2026' }) label: string;
  @ApiProperty({ enum: ['past', 'current', 'future'], description: 'A past quarter holds actuals only.' })
  status: 'past' | 'current' | 'future';
}

export class OwnerForecastDto {
  @ApiProperty({ example: '005000000000004AAA' }) ownerId: string;
  @ApiProperty({ example: 'Ana Souza' }) name: string;
  @ApiProperty({ example: 12 }) openDeals: number;
  @ApiProperty({ example: 120000 }) booked: number;
  @ApiProperty({
    example: 260000,
    description: 'booked + expected from their open deals (new deals are not split by owner).',
  })
  expected: number;
}

export class DealForecastDto {
  @ApiProperty({ example: '006000000000123AAA' }) opportunityId: string;
  @ApiProperty({ example: 'Acme - Platform', nullable: true, type: String }) name: string | null;
  @ApiProperty({ example: '005000000000004AAA' }) ownerId: string;
  @ApiProperty({ example: 'Negotiation/Review' }) stageName: string;
  @ApiProperty({ example: 85000 }) amount: number;
  @ApiProperty({ example: '2026-12-15', nullable: true, type: String }) closeDate: string | null;
  @ApiProperty({ example: 0.9, description: "The rep's Probability (stage default), 0..1." }) stageProbability: number;
  @ApiProperty({ example: 0.62, description: 'Calibrated P(closes won, within 180 days).' }) winProbability: number;
  @ApiProperty({ example: 0.48, description: 'P(closes won with CloseDate in the period).' })
  inPeriodProbability: number;
  @ApiProperty({ example: 0.14, description: 'P(wins, but after the period): slips.' }) slipProbability: number;
  @ApiProperty({ example: 35000, description: "inPeriodProbability x Amount x the stage's learnt amount realisation." })
  expectedAmount: number;
}

export class PredictiveForecastDto {
  @ApiProperty({ example: 'USD', description: 'Currency of every amount.' }) currencyIsoCode: string;
  @ApiProperty({
    example: '2026-11-24T10:00:00.000Z',
    nullable: true,
    type: String,
    description: 'When the mirror last changed.',
  })
  asOf: string | null;
  @ApiProperty({ type: ReportedPeriodDto }) period: ReportedPeriodDto;
  @ApiProperty({ example: '2026-11-24', description: 'The day the forecast stands on (deals as of its end).' })
  forecastDate: string;
  @ApiProperty({ example: 42 }) seed: number;
  @ApiProperty({ example: 2000 }) trials: number;
  @ApiProperty({ type: BookingsDto, description: 'The whole period (a deal books in one quarter at most).' })
  total: BookingsDto;
  @ApiProperty({ type: [QuarterForecastDto], description: 'Each fiscal quarter of the period.' })
  quarters: QuarterForecastDto[];
  @ApiProperty({
    type: [OwnerForecastDto],
    description: 'Owners with an open deal or a booking in the period, by name.',
  })
  owners: OwnerForecastDto[];
  @ApiProperty({ example: 143, description: 'Open deals forecast (all of them, listed or not).' }) dealCount: number;
  @ApiProperty({
    type: [DealForecastDto],
    description: 'The open deals with the most expected bookings in the period.',
  })
  deals: DealForecastDto[];
  @ApiProperty({ type: ModelSummaryDto }) model: ModelSummaryDto;
}
