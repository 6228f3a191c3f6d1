import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import { SALESFORCE_ID } from '../../analytics/filters/analytics-filters.dto';

export class TeamParamsDto {
  @ApiProperty({ example: '00E000000000002AAA', description: 'The UserRole whose team (the roles below it) it is.' })
  @Matches(SALESFORCE_ID, { message: 'roleId must be a Salesforce UserRole Id' })
  roleId: string;
}

export class WidgetParamsDto {
  @ApiProperty({ format: 'uuid', example: '0a1b2c3d-0002-4000-8000-000000000002' })
  @IsUUID('all', { message: 'widgetId must be a UUID' })
  widgetId: string;
}
