import { ApiProperty } from '@nestjs/swagger';
import { ReportedPeriodDto } from '../../pipeline/dto/reported-period.dto';

export class ActivityCountsDto {
  @ApiProperty({ example: 18, description: "Completed Tasks with TaskSubtype or Type 'Call'." }) calls: number;
  @ApiProperty({ example: 25, description: "Completed Tasks with TaskSubtype 'Email' (and not a call)." })
  emails: number;
  @ApiProperty({ example: 7, description: 'Events dated up to today (meetings held).' }) meetings: number;
  @ApiProperty({ example: 1, description: 'Other completed Tasks.' }) otherTasks: number;
  @ApiProperty({ example: 51 }) total: number;
}

export class RepActivityDto extends ActivityCountsDto {
  @ApiProperty({ example: '005000000000004AAA' }) userId: string;
  @ApiProperty({ example: 'Ana Souza' }) name: string;
}

export class RepActivityReportDto {
  @ApiProperty({ example: '2026-11-24T10:00:00.000Z', nullable: true, type: String }) asOf: string | null;
  @ApiProperty({
    type: ReportedPeriodDto,
    description: "Activities dated in it: a Task's ActivityDate (else its completion day), an Event's ActivityDate.",
  })
  period: ReportedPeriodDto;
  @ApiProperty({ type: ActivityCountsDto, description: 'Every rep listed, together.' }) totals: ActivityCountsDto;
  @ApiProperty({
    type: [RepActivityDto],
    description:
      'Users in scope with an activity in the period or an open deal, busiest first. With a segment filter ' +
      '(type, productId, industry, accountSize) only activities on matching opportunities count.',
  })
  reps: RepActivityDto[];
}
