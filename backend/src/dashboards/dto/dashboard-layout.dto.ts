import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, Equals, IsArray, ValidateNested } from 'class-validator';
import { CURRENT_SCHEMA_VERSION } from '../layout/schema-version';
import { MAX_WIDGETS } from '../layout/widget-types';
import { WidgetDto } from './widget.dto';

/** A dashboard: widgets on a 12-column grid. The JSONB document stored per user and per team. */
export class DashboardLayoutDto {
  @ApiProperty({
    enum: [CURRENT_SCHEMA_VERSION],
    example: CURRENT_SCHEMA_VERSION,
    description: 'Version of this document shape. Writes must use the current one; older stored ones are upgraded.',
  })
  @Equals(CURRENT_SCHEMA_VERSION, {
    message: ({ value }) =>
      value === undefined
        ? `schemaVersion is required (this server writes version ${CURRENT_SCHEMA_VERSION})`
        : `schemaVersion ${JSON.stringify(value)} is not supported: this server writes version ${CURRENT_SCHEMA_VERSION}`,
  })
  schemaVersion: number;

  @ApiProperty({
    type: [WidgetDto],
    maxItems: MAX_WIDGETS,
    description: 'The widgets, answered in reading order (by row, then column). None may overlap.',
  })
  @IsArray({ message: 'widgets must be an array' })
  @ArrayMaxSize(MAX_WIDGETS, {
    message: ({ value }) =>
      `widgets: a dashboard holds at most ${MAX_WIDGETS} widgets (got ${Array.isArray(value) ? value.length : 'no array'})`,
  })
  @ValidateNested({ each: true })
  @Type(() => WidgetDto)
  widgets: WidgetDto[];
}
