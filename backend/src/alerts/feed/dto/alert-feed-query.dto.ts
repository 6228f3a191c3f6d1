import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { RULE_KINDS, type RuleKind } from '../../rule-kinds';

export class AlertFeedQueryDto {
  @ApiPropertyOptional({ example: 20, minimum: 1, maximum: 100, default: 20, description: 'Alerts per page.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number between 1 and 100' })
  @Min(1, { message: 'limit must be a whole number between 1 and 100' })
  @Max(100, { message: 'limit must be a whole number between 1 and 100' })
  limit?: number;

  @ApiPropertyOptional({
    example: 1234,
    description: 'Only alerts older than this id: the nextBeforeId of the previous page.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'beforeId must be an alert id (a whole number)' })
  @Min(1, { message: 'beforeId must be an alert id (a whole number)' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'beforeId must be an alert id (a whole number)' })
  beforeId?: number;

  @ApiPropertyOptional({ enum: RULE_KINDS, example: 'deal_won', description: 'Only alerts of this rule.' })
  @IsOptional()
  @IsIn(RULE_KINDS, { message: `ruleKind must be one of ${RULE_KINDS.join(', ')}` })
  ruleKind?: RuleKind;
}
