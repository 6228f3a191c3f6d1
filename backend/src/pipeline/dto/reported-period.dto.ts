import { ApiProperty } from '@nestjs/swagger';

/** The period an answer covers, as the filters resolved it (inclusive calendar days). */
export class ReportedPeriodDto {
  @ApiProperty({ example: '2026-10-01', description: 'First day, inclusive.' }) from: string;
  @ApiProperty({ example: '2026-12-31', description: 'Last day, inclusive.' }) to: string;
  @ApiProperty({ example: 'Q4 FY2026', description: 'Fiscal name, or "from to to" for a custom period.' })
  label: string;
}
