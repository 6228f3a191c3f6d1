import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';

/**
 * A rule's parameters; each rule takes only its own (see ruleKind), and the ones left out take
 * their defaults. Messages name the field; the validation pipe prefixes them with "params.".
 */
export class AlertParamsDto {
  @ApiPropertyOptional({
    example: 100000,
    minimum: 0,
    description: 'deal_won, deal_lost: only deals of at least this Amount (config currency). Default 0: every deal.',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'minAmount must be a number' })
  @Min(0, { message: 'minAmount must be 0 or more' })
  @Max(1e12, { message: 'minAmount must be at most 1000000000000' })
  minAmount?: number;

  @ApiPropertyOptional({
    example: 14,
    minimum: 1,
    maximum: 365,
    description: 'no_activity: days without a Task or Event on an open deal. Default 14.',
  })
  @IsOptional()
  @IsInt({ message: 'days must be a whole number of days' })
  @Min(1, { message: 'days must be between 1 and 365' })
  @Max(365, { message: 'days must be between 1 and 365' })
  days?: number;

  @ApiPropertyOptional({
    example: 3,
    minimum: 0.1,
    maximum: 100,
    description:
      "forecast_risk: alert when this quarter's open pipeline is less than this many times what is left of the quota. Default 3.",
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'minCoverage must be a number' })
  @Min(0.1, { message: 'minCoverage must be between 0.1 and 100' })
  @Max(100, { message: 'minCoverage must be between 0.1 and 100' })
  minCoverage?: number;

  @ApiPropertyOptional({
    example: 300,
    minimum: 1,
    maximum: 86400,
    description:
      'sync_unhealthy: alert when changes are applied more than this many seconds after Salesforce commits them. Default 300.',
  })
  @IsOptional()
  @IsInt({ message: 'maxLagSeconds must be a whole number of seconds' })
  @Min(1, { message: 'maxLagSeconds must be between 1 and 86400' })
  @Max(86400, { message: 'maxLagSeconds must be between 1 and 86400' })
  maxLagSeconds?: number;
}
