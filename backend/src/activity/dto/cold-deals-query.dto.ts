import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AnalyticsFiltersDto } from '../../analytics/filters/analytics-filters.dto';

const whole = (name: string, min: number, max: number) => ({
  message: `${name} must be a whole number from ${min} to ${max}`,
});

export class ColdDealsQueryDto extends AnalyticsFiltersDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: 14, example: 14, description: 'Days without activity.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt(whole('days', 1, 365))
  @Min(1, whole('days', 1, 365))
  @Max(365, whole('days', 1, 365))
  days?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, example: 50, description: 'Deals per page.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt(whole('limit', 1, 200))
  @Min(1, whole('limit', 1, 200))
  @Max(200, whole('limit', 1, 200))
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0, example: 0, description: 'Deals to skip.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt(whole('offset', 0, 1_000_000))
  @Min(0, whole('offset', 0, 1_000_000))
  @Max(1_000_000, whole('offset', 0, 1_000_000))
  offset?: number;
}
