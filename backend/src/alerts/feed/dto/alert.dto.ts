import { ApiProperty } from '@nestjs/swagger';
import { RULE_KINDS, type RuleKind } from '../../rule-kinds';

const nullable = { nullable: true, type: String } as const;

export class AlertDto {
  @ApiProperty({ example: 1234 }) id: number;
  @ApiProperty({ enum: RULE_KINDS, example: 'deal_won' }) ruleKind: RuleKind;
  @ApiProperty({ example: 'Deal won: Acme - 300 Widgets ($250,000)' }) title: string;
  @ApiProperty({
    example:
      'Acme - 300 Widgets (Acme Corp): Stage Negotiation/Review -> Closed Won. Amount $250,000, close date 2026-11-20, owner Ana Souza.',
  })
  body: string;
  @ApiProperty({
    ...nullable,
    example: 'https://acme.my.salesforce.com/006000000000001AAA',
    description: 'The record in Salesforce.',
  })
  link: string | null;
  @ApiProperty({ ...nullable, example: 'Opportunity' }) sobject: string | null;
  @ApiProperty({ ...nullable, example: '006000000000001AAA' }) recordId: string | null;
  @ApiProperty({ example: '2026-11-24T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({
    enum: ['pending', 'delivered', 'failed', 'digested'],
    example: 'delivered',
    description: 'Where delivery (email, Salesforce notification) stands.',
  })
  status: string;
  @ApiProperty({ ...nullable, example: '2026-11-24T10:00:02.000Z' }) deliveredAt: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 12, description: 'null once the subscription is deleted.' })
  subscriptionId: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { change: { field: 'StageName', from: 'Negotiation/Review', to: 'Closed Won' }, amount: 250000 },
    description: 'The facts behind the message, by rule.',
  })
  payload: Record<string, unknown>;
}

export class AlertFeedDto {
  @ApiProperty({ type: [AlertDto], description: "The viewer's alerts, newest first." }) alerts: AlertDto[];
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 1200,
    description: 'Pass as beforeId for the next page; null on the last page.',
  })
  nextBeforeId: number | null;
  @ApiProperty({ ...nullable, example: '2026-11-24T10:00:01.000Z', description: 'When the mirror last changed.' })
  asOf: string | null;
}
