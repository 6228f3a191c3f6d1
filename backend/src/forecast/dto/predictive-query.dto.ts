import { ApiPropertyOptional } from '@nestjs/swagger';
import { AnalyticsFiltersDto } from '../../analytics/filters/analytics-filters.dto';
import { WholeNumber } from './whole-number';

export const DEFAULT_SEED = 42;
export const DEFAULT_TRIALS = 2_000;
export const DEFAULT_DEAL_LIMIT = 50;

export class PredictiveQueryDto extends AnalyticsFiltersDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 2_147_483_647,
    default: DEFAULT_SEED,
    example: 7,
    description: 'Seed of the simulation: the same seed and data give the same percentiles.',
  })
  @WholeNumber('seed', 0, 2_147_483_647)
  seed?: number;

  @ApiPropertyOptional({
    minimum: 100,
    maximum: 20_000,
    default: DEFAULT_TRIALS,
    example: 2000,
    description: 'Simulated outcomes of the open deals.',
  })
  @WholeNumber('trials', 100, 20_000)
  trials?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 500,
    default: DEFAULT_DEAL_LIMIT,
    example: 20,
    description: 'Open deals listed, most expected bookings first.',
  })
  @WholeNumber('limit', 0, 500)
  limit?: number;
}
