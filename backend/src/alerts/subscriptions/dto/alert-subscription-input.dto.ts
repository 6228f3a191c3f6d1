import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { RULE_KINDS, SCOPES, type RuleKind, type Scope } from '../../rule-kinds';
import { AlertParamsDto } from './alert-params.dto';

const RULES_DESCRIPTION =
  'deal_won / deal_lost (minAmount), stage_moved_backwards, close_date_pushed_out (out of its fiscal quarter), ' +
  'no_activity (days), forecast_risk (minCoverage), sync_unhealthy (maxLagSeconds; admins only).';

export class UpdateAlertSubscriptionDto {
  @ApiPropertyOptional({
    enum: SCOPES,
    example: 'team',
    description: 'self: your own deals; team: every deal of the people below you in the role hierarchy, and yours.',
  })
  @IsOptional()
  @IsIn(SCOPES, { message: `scope must be one of ${SCOPES.join(', ')}` })
  scope?: Scope;

  @ApiPropertyOptional({
    type: AlertParamsDto,
    example: { minAmount: 100000 },
    description: "The rule's parameters; replaces those stored. Left out: the rule's defaults.",
  })
  @IsOptional()
  @IsObject({ message: 'params must be an object such as {"minAmount": 100000}' })
  @ValidateNested()
  @Type(() => AlertParamsDto)
  params?: AlertParamsDto;

  @ApiPropertyOptional({ example: true, description: 'false pauses the subscription without deleting it.' })
  @IsOptional()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class CreateAlertSubscriptionDto extends UpdateAlertSubscriptionDto {
  @ApiProperty({ enum: RULE_KINDS, example: 'deal_won', description: RULES_DESCRIPTION })
  @IsIn(RULE_KINDS, { message: `ruleKind must be one of ${RULE_KINDS.join(', ')}` })
  ruleKind: RuleKind;
}
