import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AnalyticsFiltersDto } from '../../analytics/filters/analytics-filters.dto';
import { GRID_COLUMNS, MAX_ROW, MAX_WIDGET_ROWS, WIDGET_TYPES, type WidgetType } from '../layout/widget-types';

export class GridPositionDto {
  @ApiProperty({ minimum: 1, maximum: MAX_ROW, example: 1, description: 'Grid row of the top edge, from 1.' })
  @IsInt()
  @Min(1)
  @Max(MAX_ROW)
  row: number;

  @ApiProperty({
    minimum: 1,
    maximum: GRID_COLUMNS,
    example: 1,
    description: 'Grid column of the left edge, 1 to 12.',
  })
  @IsInt()
  @Min(1)
  @Max(GRID_COLUMNS)
  column: number;
}

export class WidgetSizeDto {
  @ApiProperty({ minimum: 1, maximum: GRID_COLUMNS, example: 6, description: 'Width in grid columns (of 12).' })
  @IsInt()
  @Min(1)
  @Max(GRID_COLUMNS)
  columns: number;

  @ApiProperty({ minimum: 1, maximum: MAX_WIDGET_ROWS, example: 4, description: 'Height in grid rows.' })
  @IsInt()
  @Min(1)
  @Max(MAX_WIDGET_ROWS)
  rows: number;
}

export class WidgetSettingsDto {
  @ApiPropertyOptional({ example: 'West pipeline', maxLength: 80, description: "Replaces the widget's own title." })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  title?: string;

  @ApiPropertyOptional({
    type: AnalyticsFiltersDto,
    description: 'The filters the widget queries with: the analytics parameters, under the same rules.',
  })
  @IsOptional()
  @IsObject({ message: 'filters must be an object' })
  @ValidateNested()
  @Type(() => AnalyticsFiltersDto)
  filters?: AnalyticsFiltersDto;
}

export class WidgetDto {
  @ApiProperty({
    format: 'uuid',
    example: '3f1c2a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
    description: 'Chosen by the client and kept across saves: settings and state follow the widget, not its place.',
  })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @ApiProperty({ enum: WIDGET_TYPES, example: 'pipelineByStage' })
  @IsIn(WIDGET_TYPES, { message: `type must be one of ${WIDGET_TYPES.join(', ')}` })
  type: WidgetType;

  @ApiProperty({ type: GridPositionDto })
  @IsObject({ message: 'position must be an object such as { "row": 1, "column": 1 }' })
  @ValidateNested()
  @Type(() => GridPositionDto)
  position: GridPositionDto;

  @ApiProperty({ type: WidgetSizeDto })
  @IsObject({ message: 'size must be an object such as { "columns": 6, "rows": 4 }' })
  @ValidateNested()
  @Type(() => WidgetSizeDto)
  size: WidgetSizeDto;

  @ApiPropertyOptional({ type: WidgetSettingsDto })
  @IsOptional()
  @IsObject({ message: 'settings must be an object' })
  @ValidateNested()
  @Type(() => WidgetSettingsDto)
  settings?: WidgetSettingsDto;
}
