import { ApiProperty } from '@nestjs/swagger';
import { ReportedPeriodDto } from './reported-period.dto';

/** Salesforce's forecast categories, from earliest to done. */
export const FORECAST_CATEGORIES = ['Pipeline', 'Best Case', 'Commit', 'Closed', 'Omitted'] as const;

export class ForecastCategoryTotalDto {
  @ApiProperty({
    example: 'Commit',
    description: `ForecastCategoryName: ${FORECAST_CATEGORIES.join(', ')} (any other value the org uses follows them).`,
  })
  forecastCategory: string;
  @ApiProperty({ example: 540000, description: 'Sum of Amount of the deals in the category.' }) amount: number;
  @ApiProperty({ example: 6, description: 'Number of those deals.' }) count: number;
  @ApiProperty({ example: 480000, description: 'Sum of Amount × Probability / 100 over the same deals.' })
  weighted: number;
}

export class PipelineByForecastCategoryDto {
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
    type: [ForecastCategoryTotalDto],
    description:
      'Every deal closing in the period, open or closed, by category, in the order Pipeline, Best Case, Commit, ' +
      'Closed, Omitted (all five always listed). Closed holds the won deals; Omitted the lost ones and open ' +
      'deals left out of the forecast.',
  })
  categories: ForecastCategoryTotalDto[];
}
