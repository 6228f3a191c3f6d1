import { ApiProperty } from '@nestjs/swagger';
import { ReportedPeriodDto } from './reported-period.dto';

export class StageTotalDto {
  @ApiProperty({ example: 'Prospecting', description: "The stage's API name (StageName)." }) stageName: string;
  @ApiProperty({
    example: 1,
    nullable: true,
    type: Number,
    description: "The stage's position in the org's sales process.",
  })
  sortOrder: number | null;
  @ApiProperty({ example: false }) isClosed: boolean;
  @ApiProperty({ example: false }) isWon: boolean;
  @ApiProperty({ example: 120000, description: 'Sum of Amount of the deals in the stage.' }) amount: number;
  @ApiProperty({ example: 3, description: 'Number of deals in the stage.' }) count: number;
}

export class TotalsDto {
  @ApiProperty({ example: 1234500 }) amount: number;
  @ApiProperty({ example: 42 }) count: number;
}

export class PipelineByStageDto {
  @ApiProperty({ example: 'USD', description: 'Currency of every amount.' }) currencyIsoCode: string;
  @ApiProperty({ example: false }) includeClosed: boolean;
  @ApiProperty({
    example: '2026-11-24T10:00:00.000Z',
    nullable: true,
    type: String,
    description: 'When the mirror last changed.',
  })
  asOf: string | null;
  @ApiProperty({
    type: ReportedPeriodDto,
    nullable: true,
    description: 'The CloseDate period counted; null when no period was asked for (every deal).',
  })
  period: ReportedPeriodDto | null;
  @ApiProperty({ type: TotalsDto }) totals: TotalsDto;
  @ApiProperty({ type: [StageTotalDto], description: "Every active stage in the org's order, empty ones included." })
  stages: StageTotalDto[];
}
