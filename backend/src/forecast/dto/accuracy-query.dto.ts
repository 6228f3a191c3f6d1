import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AnalyticsFiltersDto } from '../../analytics/filters/analytics-filters.dto';
import { WholeNumber } from './whole-number';

export const CADENCES = ['month', 'quarter'] as const;
export type Cadence = (typeof CADENCES)[number];

export class AccuracyQueryDto extends AnalyticsFiltersDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 12,
    default: 4,
    example: 4,
    description: 'Backtest the last N completed fiscal quarters (instead of a period).',
  })
  @WholeNumber('quarters', 1, 12)
  quarters?: number;

  @ApiPropertyOptional({
    enum: CADENCES,
    default: 'month',
    description: 'Forecast as of the first day of each month (for the rest of its quarter), or of each quarter only.',
  })
  @IsOptional()
  @IsIn(CADENCES, { message: `cadence must be one of ${CADENCES.join(', ')}` })
  cadence?: Cadence;

  @ApiPropertyOptional({ minimum: 0, maximum: 2_147_483_647, default: 42, example: 7, description: 'Simulation seed.' })
  @WholeNumber('seed', 0, 2_147_483_647)
  seed?: number;

  @ApiPropertyOptional({
    minimum: 100,
    maximum: 10_000,
    default: 1000,
    example: 1000,
    description: 'Simulated outcomes per forecast.',
  })
  @WholeNumber('trials', 100, 10_000)
  trials?: number;
}
