import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

export class PipelineQueryDto {
  @ApiPropertyOptional({ description: 'Include the closed stages (Closed Won, Closed Lost).', default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'includeClosed must be true or false' })
  includeClosed?: boolean;
}
