import { ApiProperty } from '@nestjs/swagger';
import { ReportedPeriodDto } from '../../pipeline/dto/reported-period.dto';

/** How the funnel counts a deal that skipped stages; stated in every answer so nobody has to guess. */
export const FUNNEL_CONVENTION =
  'A deal has reached a stage when its history (or its current stage) shows that stage or any later open stage ' +
  "in the org's order, or when it was won: skipped stages count as passed. A lost deal reached the stages up " +
  'to the furthest open stage it was in. Amounts are the deals’ current Amount.';

export class DealTotalDto {
  @ApiProperty({ example: 42 }) count: number;
  @ApiProperty({ example: 1234500, description: 'Sum of the deals’ current Amount.' }) amount: number;
}

export class FunnelStepDto {
  @ApiProperty({ example: 'Qualification', description: "The stage's API name (StageName)." }) stageName: string;
  @ApiProperty({ example: 2, description: "The stage's position in the org's sales process." }) sortOrder: number;
  @ApiProperty({ example: false, description: 'The won stage ends the funnel.' }) isWon: boolean;
  @ApiProperty({ example: 31, description: 'Deals created in the period that reached this stage.' }) count: number;
  @ApiProperty({ example: 910000, description: 'Their current Amount.' }) amount: number;
  @ApiProperty({
    example: 0.74,
    nullable: true,
    type: Number,
    description: 'Share of the previous step’s deals that reached this one; null for the first step or after 0.',
  })
  conversionFromPrevious: number | null;
  @ApiProperty({
    example: 0.29,
    nullable: true,
    type: Number,
    description: 'Share of this step’s deals that were won; null when none reached it.',
  })
  conversionToWon: number | null;
}

export class FunnelDto {
  @ApiProperty({ example: 'USD', description: 'Currency of every amount.' }) currencyIsoCode: string;
  @ApiProperty({ example: '2026-11-24T10:00:00.000Z', nullable: true, type: String }) asOf: string | null;
  @ApiProperty({ type: ReportedPeriodDto, description: 'Deals whose CreatedDate (UTC) falls in it.' })
  period: ReportedPeriodDto;
  @ApiProperty({ example: FUNNEL_CONVENTION }) convention: string;
  @ApiProperty({ type: DealTotalDto, description: 'Deals created in the period.' }) created: DealTotalDto;
  @ApiProperty({ type: DealTotalDto, description: 'Of them, still open.' }) open: DealTotalDto;
  @ApiProperty({ type: DealTotalDto, description: 'Of them, won.' }) won: DealTotalDto;
  @ApiProperty({ type: DealTotalDto, description: 'Of them, lost.' }) lost: DealTotalDto;
  @ApiProperty({
    example: 0.31,
    nullable: true,
    type: Number,
    description: 'Won / (won + lost) by count; null when none closed.',
  })
  winRate: number | null;
  @ApiProperty({ type: [FunnelStepDto], description: "Active open stages in the org's order, then the won stage." })
  steps: FunnelStepDto[];
}
