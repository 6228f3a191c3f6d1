import { ApiProperty } from '@nestjs/swagger';
import { ReportedPeriodDto } from '../../pipeline/dto/reported-period.dto';

export class CategoryFiguresDto {
  @ApiProperty({ example: 420000, description: 'Closed: Amount of deals won with CloseDate in the period.' })
  closed: number;
  @ApiProperty({ example: 300000, description: 'Open deals in forecast category Commit.' }) commit: number;
  @ApiProperty({ example: 250000, description: 'Open deals in Best Case.' }) bestCase: number;
  @ApiProperty({
    example: 900000,
    description: 'Open deals in Pipeline (and any category Salesforce does not define).',
  })
  pipeline: number;
  @ApiProperty({ example: 40000, description: 'Open deals marked Omitted (lost deals are not counted).' })
  omitted: number;
  @ApiProperty({ example: 420000, description: 'Cumulative: Closed Only.' }) closedOnly: number;
  @ApiProperty({ example: 720000, description: 'Cumulative: Commit Forecast = Closed + Commit.' })
  commitForecast: number;
  @ApiProperty({ example: 970000, description: 'Cumulative: Best Case Forecast = Closed + Commit + Best Case.' })
  bestCaseForecast: number;
  @ApiProperty({ example: 1450000, description: 'Cumulative: Open Pipeline = Commit + Best Case + Pipeline.' })
  openPipeline: number;
  @ApiProperty({
    example: 800000,
    nullable: true,
    type: Number,
    description: 'QuotaAmount of the ForecastingQuotas starting in the period; null: no quota.',
  })
  quota: number | null;
  @ApiProperty({ example: 0.53, nullable: true, type: Number, description: 'closed / quota.' }) attainment:
    number | null;
  @ApiProperty({ example: 0.9, nullable: true, type: Number, description: 'commitForecast / quota.' })
  commitAttainment: number | null;
}

export class UserCategoryForecastDto {
  @ApiProperty({ example: '005000000000004AAA' }) userId: string;
  @ApiProperty({ example: 'Ana Souza' }) name: string;
  @ApiProperty({ example: '00E000000000004AAA', nullable: true, type: String }) roleId: string | null;
  @ApiProperty({ type: CategoryFiguresDto, description: 'Their own deals and quota over the whole period.' })
  total: CategoryFiguresDto;
  @ApiProperty({ type: [CategoryFiguresDto], description: 'The same per period, in the order of `periods`.' })
  byPeriod: CategoryFiguresDto[];
}

export class RoleCategoryForecastDto {
  @ApiProperty({ example: '00E000000000003AAA' }) roleId: string;
  @ApiProperty({ example: 'West Sales Manager' }) name: string;
  @ApiProperty({ example: '00E000000000002AAA', nullable: true, type: String, description: 'null for a top node.' })
  parentRoleId: string | null;
  @ApiProperty({ example: 1, description: 'Depth below the top node of the answer (0).' }) depth: number;
  @ApiProperty({ example: ['005000000000003AAA'], type: [String], description: 'Listed users in this role.' })
  userIds: string[];
  @ApiProperty({
    type: CategoryFiguresDto,
    description:
      "Rolled up: this role's users and every role below. Quota: its own users' when any holds one (a manager's " +
      'quota is the team target), else the sum of the roles right below.',
  })
  total: CategoryFiguresDto;
  @ApiProperty({ type: [CategoryFiguresDto] }) byPeriod: CategoryFiguresDto[];
}

export class CategoryForecastDto {
  @ApiProperty({ example: 'USD', description: 'Currency of every amount.' }) currencyIsoCode: string;
  @ApiProperty({ example: '2026-11-24T10:00:00.000Z', nullable: true, type: String }) asOf: string | null;
  @ApiProperty({ type: ReportedPeriodDto, description: 'Deals whose CloseDate falls in it.' })
  period: ReportedPeriodDto;
  @ApiProperty({
    type: [ReportedPeriodDto],
    description: 'The period split at fiscal quarter boundaries (one entry for a quarter).',
  })
  periods: ReportedPeriodDto[];
  @ApiProperty({
    type: CategoryFiguresDto,
    description: "Every listed user together; quota counts each team once (a manager's quota covers their reps).",
  })
  total: CategoryFiguresDto;
  @ApiProperty({
    type: [UserCategoryForecastDto],
    description: 'Users in scope with a deal or a quota in the period, by name.',
  })
  users: UserCategoryForecastDto[];
  @ApiProperty({
    type: [RoleCategoryForecastDto],
    description: "The viewer's part of the role hierarchy, depth first.",
  })
  roles: RoleCategoryForecastDto[];
}
