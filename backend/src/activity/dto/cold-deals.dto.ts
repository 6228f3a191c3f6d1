import { ApiProperty } from '@nestjs/swagger';
import { DealTotalDto } from '../../funnel/dto/funnel.dto';
import { ReportedPeriodDto } from '../../pipeline/dto/reported-period.dto';

export class ColdDealDto {
  @ApiProperty({ example: '006000000000123AAA' }) opportunityId: string;
  @ApiProperty({ example: 'Acme Corp - Platform' }) name: string;
  @ApiProperty({ example: 'Acme Corp', nullable: true, type: String }) accountName: string | null;
  @ApiProperty({ example: '005000000000004AAA' }) ownerId: string;
  @ApiProperty({ example: 'Ana Souza', nullable: true, type: String }) ownerName: string | null;
  @ApiProperty({ example: 'Needs Analysis' }) stageName: string;
  @ApiProperty({ example: 48000, nullable: true, type: Number }) amount: number | null;
  @ApiProperty({ example: '2026-12-15' }) closeDate: string;
  @ApiProperty({
    example: '2026-10-20',
    nullable: true,
    type: String,
    description: 'Latest completed Task, Event or LastActivityDate on the deal, up to today; null: never touched.',
  })
  lastTouchDate: string | null;
  @ApiProperty({ example: '2026-10-20', nullable: true, type: String }) lastActivityDate: string | null;
  @ApiProperty({ example: 35, description: 'Days since the last touch (since creation when never touched).' })
  daysWithoutActivity: number;
}

export class ColdDealsDto {
  @ApiProperty({ example: 'USD', description: 'Currency of every amount.' }) currencyIsoCode: string;
  @ApiProperty({ example: '2026-11-24T10:00:00.000Z', nullable: true, type: String }) asOf: string | null;
  @ApiProperty({ type: ReportedPeriodDto, description: 'Open deals whose CloseDate falls in it.' })
  period: ReportedPeriodDto;
  @ApiProperty({ example: 14 }) days: number;
  @ApiProperty({ example: '2026-11-24', description: 'The day the days are counted back from (UTC).' }) today: string;
  @ApiProperty({ type: DealTotalDto, description: 'Every cold deal, not only this page.' }) totals: DealTotalDto;
  @ApiProperty({ example: 12, description: 'Cold deals in all (for paging).' }) total: number;
  @ApiProperty({ example: 50 }) limit: number;
  @ApiProperty({ example: 0 }) offset: number;
  @ApiProperty({ type: [ColdDealDto], description: 'Coldest first, then by Amount, largest first.' })
  deals: ColdDealDto[];
}
