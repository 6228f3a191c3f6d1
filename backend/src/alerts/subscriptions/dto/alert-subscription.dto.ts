import { ApiProperty } from '@nestjs/swagger';
import { RULE_KINDS, SCOPES, type RuleKind, type Scope } from '../../rule-kinds';
import { AlertParamsDto } from './alert-params.dto';

export class AlertSubscriptionDto {
  @ApiProperty({ example: 12 }) id: number;
  @ApiProperty({ enum: RULE_KINDS, example: 'deal_won' }) ruleKind: RuleKind;
  @ApiProperty({ enum: SCOPES, example: 'self' }) scope: Scope;
  @ApiProperty({
    type: AlertParamsDto,
    example: { minAmount: 100000 },
    description: "The rule's parameters, defaults included.",
  })
  params: AlertParamsDto;
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ example: '2026-11-24T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ example: '2026-11-24T10:00:00.000Z' }) updatedAt: string;
}

export class AlertSubscriptionListDto {
  @ApiProperty({ type: [AlertSubscriptionDto], description: "The viewer's subscriptions, oldest first." })
  subscriptions: AlertSubscriptionDto[];
}
