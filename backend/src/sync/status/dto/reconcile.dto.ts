import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsBoolean, IsOptional, IsString } from 'class-validator';

export class ReconcileRequestDto {
  @ApiPropertyOptional({
    example: ['Opportunity', 'OpportunityStage'],
    type: [String],
    description: 'Objects to reconcile (default: every mirrored object).',
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsString({ each: true })
  sobjects?: string[];

  @ApiPropertyOptional({
    example: false,
    description:
      'Compare every value of every record (one API request per 2,000 records), not only what changed since the last run: finds values that changed without a new SystemModstamp.',
  })
  @IsOptional()
  @IsBoolean()
  deep?: boolean;
}

export class ReconciliationRunDto {
  @ApiProperty({ example: 'Opportunity' }) sobject: string;
  @ApiProperty({ example: '2026-11-24T10:00:00.000Z' }) startedAt: string;
  @ApiProperty({ example: '2026-11-24T10:00:02.310Z', type: String, nullable: true }) finishedAt: string | null;
  @ApiProperty({ example: 3001, type: Number, nullable: true }) orgCount: number | null;
  @ApiProperty({ example: 3002, type: Number, nullable: true }) mirrorCount: number | null;
  @ApiProperty({ example: 2 }) repaired: number;
  @ApiProperty({ example: ['0063t00000AbCdEAAV'], type: [String], description: 'Ids repaired: other values.' })
  changed: string[];
  @ApiProperty({ example: [], type: [String], description: 'Ids repaired: missing from the mirror.' })
  missing: string[];
  @ApiProperty({
    example: ['0063t00000AbCdFAAV'],
    type: [String],
    description: 'Ids repaired: hard-deleted in the org.',
  })
  hardDeleted: string[];
  @ApiProperty({ example: null, type: String, nullable: true }) error: string | null;
  @ApiProperty({ example: null, type: String, nullable: true, description: 'Why the object was not reconciled.' })
  skipped: string | null;
}
