import { ApiProperty } from '@nestjs/swagger';
import { ReportedPeriodDto } from './reported-period.dto';

export class MonthPipelineDto {
  @ApiProperty({ example: '2026-11', description: 'Calendar month of CloseDate (YYYY-MM).' }) month: string;
  @ApiProperty({ example: 310000, description: 'Sum of Amount of the open deals closing in the month.' })
  amount: number;
  @ApiProperty({ example: 5, description: 'Number of those deals.' }) count: number;
  @ApiProperty({ example: 99000, description: 'Sum of Amount × Probability / 100 over the same deals.' })
  weighted: number;
}

export class PipelineByCloseMonthDto {
  @ApiProperty({ example: 'USD', description: 'Currency of every amount.' }) currencyIsoCode: string;
  @ApiProperty({
    example: '2026-11-24T10:00:00.000Z',
    nullable: true,
    type: String,
    description: 'When the mirror last changed.',
  })
  asOf: string | null;
  @ApiProperty({ type: ReportedPeriodDto, description: 'Deals whose CloseDate falls in it.' })
  period: ReportedPeriodDto;
  @ApiProperty({
    type: [MonthPipelineDto],
    description:
      'Every month the period touches, oldest first, empty ones included (a partial first or last month counts only its days in the period).',
  })
  months: MonthPipelineDto[];
}
