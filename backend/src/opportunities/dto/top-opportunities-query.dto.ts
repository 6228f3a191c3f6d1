import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { AnalyticsFiltersDto } from '../../analytics/filters/analytics-filters.dto';

export const DEAL_STATUSES = ['open', 'won', 'lost', 'all'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];
export const SORT_KEYS = ['amount', 'closeDate', 'probability', 'name', 'lastActivityDate'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const DIRECTIONS = ['asc', 'desc'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const MAX_LIMIT = 200;

/** The shared filters (period on CloseDate) plus which deals, in what order, which page. */
export class TopOpportunitiesQueryDto extends AnalyticsFiltersDto {
  @ApiPropertyOptional({ enum: DEAL_STATUSES, default: 'open', description: 'Open, won, lost or all deals.' })
  @IsOptional()
  @IsIn(DEAL_STATUSES, { message: `status must be one of ${DEAL_STATUSES.join(', ')}` })
  status?: DealStatus;

  @ApiPropertyOptional({ enum: SORT_KEYS, default: 'amount', description: 'Field to order by; empty values last.' })
  @IsOptional()
  @IsIn(SORT_KEYS, { message: `sort must be one of ${SORT_KEYS.join(', ')}` })
  sort?: SortKey;

  @ApiPropertyOptional({
    enum: DIRECTIONS,
    description: 'Default: asc for closeDate and name, desc for the others (largest, likeliest, latest first).',
  })
  @IsOptional()
  @IsIn(DIRECTIONS, { message: `direction must be one of ${DIRECTIONS.join(', ')}` })
  direction?: Direction;

  @ApiPropertyOptional({ example: 25, default: 25, minimum: 1, maximum: MAX_LIMIT, description: 'Page size.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `limit must be a whole number from 1 to ${MAX_LIMIT}` })
  @Min(1, { message: `limit must be a whole number from 1 to ${MAX_LIMIT}` })
  @Max(MAX_LIMIT, { message: `limit must be a whole number from 1 to ${MAX_LIMIT}` })
  limit?: number;

  @ApiPropertyOptional({ example: 0, default: 0, minimum: 0, description: 'Deals to skip (the previous nextOffset).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number, 0 or more' })
  @Min(0, { message: 'offset must be a whole number, 0 or more' })
  offset?: number;
}
