import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { AnalyticsFiltersDto } from '../../analytics/filters/analytics-filters.dto';
import { PERIOD_NAMES, type PeriodName } from '../../analytics/filters/fiscal-period';

/** By stage keeps its first meaning when no period is given: the whole open pipeline. */
export class PipelineQueryDto extends AnalyticsFiltersDto {
  @ApiPropertyOptional({
    enum: PERIOD_NAMES,
    description:
      'Fiscal period of CloseDate, or custom with from and to. Without it, every deal whatever its CloseDate ' +
      '(unlike the other analytics endpoints, which default to this_quarter).',
  })
  @IsOptional()
  @IsIn(PERIOD_NAMES, { message: `period must be one of ${PERIOD_NAMES.join(', ')}` })
  override period?: PeriodName = undefined;

  @ApiPropertyOptional({ description: 'Include the closed stages (Closed Won, Closed Lost).', default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'includeClosed must be true or false' })
  includeClosed?: boolean;
}
