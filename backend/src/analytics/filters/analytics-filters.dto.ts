import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PERIOD_NAMES, type PeriodName } from './fiscal-period';

/** 15- or 18-character Salesforce record Id. */
export const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export const ACCOUNT_SIZES = ['small', 'mid', 'enterprise'] as const;
export type AccountSize = (typeof ACCOUNT_SIZES)[number];

/** The filters every analytics endpoint accepts. Which date the period applies to is the endpoint's to say. */
export class AnalyticsFiltersDto {
  @ApiPropertyOptional({
    enum: PERIOD_NAMES,
    default: 'this_quarter',
    description: 'Fiscal period, or custom with from and to.',
  })
  @IsOptional()
  @IsIn(PERIOD_NAMES, { message: `period must be one of ${PERIOD_NAMES.join(', ')}` })
  period?: PeriodName;

  @ApiPropertyOptional({ example: '2026-10-01', description: 'First day of a custom period (with period=custom).' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be a date such as 2026-10-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date such as 2026-10-01' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day of a custom period (with period=custom).' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be a date such as 2026-12-31' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date such as 2026-12-31' })
  to?: string;

  @ApiPropertyOptional({
    example: '005000000000001AAA',
    description: "Only this owner's deals (a user the viewer can see).",
  })
  @IsOptional()
  @Matches(SALESFORCE_ID, { message: 'ownerId must be a Salesforce User Id' })
  ownerId?: string;

  @ApiPropertyOptional({
    example: '00E000000000002AAA',
    description: 'Only the team under this role (the role and those below it).',
  })
  @IsOptional()
  @Matches(SALESFORCE_ID, { message: 'teamRoleId must be a Salesforce UserRole Id' })
  teamRoleId?: string;

  @ApiPropertyOptional({ example: 'New Business', description: 'Opportunity Type.' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  type?: string;

  @ApiPropertyOptional({
    example: '01t000000000001AAA',
    description: 'Only deals with this product (Product2 Id) on them.',
  })
  @IsOptional()
  @Matches(SALESFORCE_ID, { message: 'productId must be a Salesforce Product2 Id' })
  productId?: string;

  @ApiPropertyOptional({ example: 'Technology', description: "The account's Industry." })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  industry?: string;

  @ApiPropertyOptional({
    enum: ACCOUNT_SIZES,
    description: 'Account size by employees: small < 100, mid < 1,000, enterprise 1,000+.',
  })
  @IsOptional()
  @IsIn(ACCOUNT_SIZES, { message: `accountSize must be one of ${ACCOUNT_SIZES.join(', ')}` })
  accountSize?: AccountSize;
}
