import { ApiProperty } from '@nestjs/swagger';
import { ReportedPeriodDto } from '../../pipeline/dto/reported-period.dto';

export class UserAttainmentDto {
  @ApiProperty({ example: '005000000000004AAA' }) userId: string;
  @ApiProperty({ example: 'Ana Souza' }) name: string;
  @ApiProperty({ example: '00E000000000004AAA', nullable: true, type: String }) roleId: string | null;
  @ApiProperty({
    example: 250000,
    nullable: true,
    type: Number,
    description: 'Sum of QuotaAmount of the ForecastingQuotas starting in the period; null: no quota.',
  })
  quotaAmount: number | null;
  @ApiProperty({ example: 180000, description: 'Amount of the deals won with CloseDate in the period.' })
  closedWonAmount: number;
  @ApiProperty({ example: 4 }) closedWonCount: number;
  @ApiProperty({ example: 0.72, nullable: true, type: Number, description: 'Won / quota; null without a quota.' })
  attainment: number | null;
}

export class RoleAttainmentDto {
  @ApiProperty({ example: '00E000000000003AAA' }) roleId: string;
  @ApiProperty({ example: 'West Sales Manager' }) name: string;
  @ApiProperty({
    example: '00E000000000002AAA',
    nullable: true,
    type: String,
    description: 'null for a top node of the answer.',
  })
  parentRoleId: string | null;
  @ApiProperty({ example: 1, description: 'Depth below the top node of the answer (0).' }) depth: number;
  @ApiProperty({ example: ['005000000000003AAA'], type: [String], description: 'Listed users in this role.' })
  userIds: string[];
  @ApiProperty({
    example: 750000,
    nullable: true,
    type: Number,
    description:
      "The node's target: the quotas of the users in this role when any holds one (a manager's quota is " +
      "their team's target), otherwise the sum of the targets of the roles directly below.",
  })
  quotaAmount: number | null;
  @ApiProperty({
    example: 1500000,
    nullable: true,
    type: Number,
    description: 'Every quota in this role and every role below it, added up (counts a manager and team twice).',
  })
  subtreeQuotaAmount: number | null;
  @ApiProperty({ example: 540000, description: 'Won by users in this role and every role below it.' })
  closedWonAmount: number;
  @ApiProperty({ example: 12 }) closedWonCount: number;
  @ApiProperty({ example: 0.72, nullable: true, type: Number, description: 'closedWonAmount / quotaAmount.' })
  attainment: number | null;
}

export class QuotaAttainmentDto {
  @ApiProperty({ example: 'USD', description: 'Currency of every amount.' }) currencyIsoCode: string;
  @ApiProperty({ example: '2026-11-24T10:00:00.000Z', nullable: true, type: String }) asOf: string | null;
  @ApiProperty({ type: ReportedPeriodDto }) period: ReportedPeriodDto;
  @ApiProperty({
    type: [UserAttainmentDto],
    description:
      'Active users in scope, and any other with a quota or a win in the period, by name. Segment filters ' +
      '(type, productId, industry, accountSize) narrow the wins, not the quotas.',
  })
  users: UserAttainmentDto[];
  @ApiProperty({
    type: [RoleAttainmentDto],
    description: "The viewer's part of the role hierarchy, depth first, each node rolled up from the ones below.",
  })
  roles: RoleAttainmentDto[];
}
