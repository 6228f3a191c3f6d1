import { ApiProperty } from '@nestjs/swagger';
import { DealTotalDto } from '../../funnel/dto/funnel.dto';
import { ReportedPeriodDto } from '../../pipeline/dto/reported-period.dto';
import { FLOW_NAMES } from '../movement-flows';

export const WATERFALL_STEPS = [
  'start',
  'amountChanged',
  'new',
  'pulledIn',
  'reopened',
  'won',
  'lost',
  'pushedOut',
  'end',
] as const;

export class WaterfallStepDto {
  @ApiProperty({ enum: WATERFALL_STEPS, example: 'won' }) step: (typeof WATERFALL_STEPS)[number];
  @ApiProperty({ enum: ['total', 'delta'], example: 'delta', description: 'start and end are totals.' })
  kind: 'total' | 'delta';
  @ApiProperty({ example: -4, description: 'Deals, signed for deltas (won, lost, pushedOut subtract).' })
  count: number;
  @ApiProperty({ example: -185000, description: 'Amount, signed like count.' }) amount: number;
}

/** Each flow with its deals and their Amount (at `to`; the starting pipeline at `from`). */
export class MovementFlowsDto {
  @ApiProperty({ type: DealTotalDto, description: 'Open, closing in the period, at the first snapshot.' })
  start: DealTotalDto;
  @ApiProperty({ type: DealTotalDto, description: 'Created between the snapshots, into the period.' })
  new: DealTotalDto;
  @ApiProperty({ type: DealTotalDto, description: 'Open deals whose close date moved into the period.' })
  pulledIn: DealTotalDto;
  @ApiProperty({ type: DealTotalDto, description: 'Closed deals reopened into the period.' }) reopened: DealTotalDto;
  @ApiProperty({ type: DealTotalDto, description: 'Closed won between the snapshots.' }) won: DealTotalDto;
  @ApiProperty({ type: DealTotalDto, description: 'Closed lost between the snapshots.' }) lost: DealTotalDto;
  @ApiProperty({
    type: DealTotalDto,
    description: 'Still open, but the close date moved out of the period (nearly always later).',
  })
  pushedOut: DealTotalDto;
  @ApiProperty({ type: DealTotalDto, description: 'Of the starting pipeline, open at `to` in a later stage.' })
  advanced: DealTotalDto;
  @ApiProperty({ type: DealTotalDto, description: 'Of the starting pipeline, open at `to` in an earlier stage.' })
  slipped: DealTotalDto;
  @ApiProperty({ type: DealTotalDto, description: 'Open, closing in the period, at the second snapshot.' })
  end: DealTotalDto;
}

export class MovementDto {
  @ApiProperty({ example: 'USD', description: 'Currency of every amount.' }) currencyIsoCode: string;
  @ApiProperty({ example: '2026-11-24T10:00:00.000Z', nullable: true, type: String }) asOf: string | null;
  @ApiProperty({ type: ReportedPeriodDto, description: 'Whose pipeline: open deals with CloseDate in it.' })
  period: ReportedPeriodDto;
  @ApiProperty({ example: '2026-10-01', description: 'First snapshot: as this day began (UTC).' }) from: string;
  @ApiProperty({ example: '2026-11-24', description: 'Second snapshot: as this day ended (UTC).' }) to: string;
  @ApiProperty({ type: MovementFlowsDto }) flows: MovementFlowsDto;
  @ApiProperty({ example: 42000, description: 'Net change in Amount of the starting pipeline’s deals.' })
  amountChanged: number;
  @ApiProperty({
    type: [WaterfallStepDto],
    description: 'start, then signed deltas, then end: start plus the deltas equals end.',
  })
  waterfall: WaterfallStepDto[];
}

export type FlowsDto = Record<(typeof FLOW_NAMES)[number], DealTotalDto>;
