import { ApiPropertyOptional } from '@nestjs/swagger';
import { AnalyticsFiltersDto } from '../../analytics/filters/analytics-filters.dto';

/**
 * The shared filters, where from and to are the two snapshot dates: giving them without a period
 * means period=custom, so the period's pipeline is the deals closing between them.
 */
export class MovementQueryDto extends AnalyticsFiltersDto {
  @ApiPropertyOptional({
    example: '2026-10-01',
    description: 'First snapshot: the pipeline as this day began. Default: the first day of the period.',
  })
  declare from?: string;

  @ApiPropertyOptional({
    example: '2026-11-24',
    description: 'Second snapshot: the pipeline as this day ended (today: now). Default: today, within the period.',
  })
  declare to?: string;
}
