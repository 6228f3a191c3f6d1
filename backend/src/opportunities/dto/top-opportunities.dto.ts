import { ApiProperty } from '@nestjs/swagger';
import { ReportedPeriodDto } from '../../pipeline/dto/reported-period.dto';
import {
  DEAL_STATUSES,
  DIRECTIONS,
  SORT_KEYS,
  type DealStatus,
  type Direction,
  type SortKey,
} from './top-opportunities-query.dto';

const nullable = <T>(example: T, description: string) => ({
  example,
  nullable: true,
  type: typeof example === 'number' ? Number : String,
  description,
});

export class OpportunityRowDto {
  @ApiProperty({
    example: '0065g0000000042AAA',
    description: 'The Opportunity Id: link to /lightning/r/Opportunity/{id}/view.',
  })
  id: string;
  @ApiProperty(nullable('Acme Logistics - Platform', 'Name.')) name: string | null;
  @ApiProperty(nullable('0015g0000000001AAA', 'AccountId.')) accountId: string | null;
  @ApiProperty(nullable('Acme Logistics', "The account's Name.")) accountName: string | null;
  @ApiProperty(nullable('0055g0000000005AAA', 'OwnerId.')) ownerId: string | null;
  @ApiProperty(nullable('Ana Souza', "The owner's Name.")) ownerName: string | null;
  @ApiProperty(nullable('Negotiation/Review', 'StageName.')) stageName: string | null;
  @ApiProperty(nullable(250000, 'Amount.')) amount: number | null;
  @ApiProperty(nullable(90, 'Probability (%).')) probability: number | null;
  @ApiProperty(nullable('2026-12-15', 'CloseDate.')) closeDate: string | null;
  @ApiProperty(nullable('Commit', 'ForecastCategoryName.')) forecastCategory: string | null;
  @ApiProperty(nullable('New Business', 'Type.')) type: string | null;
  @ApiProperty(nullable('2026-11-20', 'LastActivityDate: the latest task or event.')) lastActivityDate: string | null;
  @ApiProperty({ example: false }) isClosed: boolean;
  @ApiProperty({ example: false }) isWon: boolean;
}

export class TopOpportunitiesDto {
  @ApiProperty({ example: 'USD', description: 'Currency of every amount.' }) currencyIsoCode: string;
  @ApiProperty({
    example: '2026-11-24T10:00:00.000Z',
    nullable: true,
    type: String,
    description: 'When the mirror last changed.',
  })
  asOf: string | null;
  @ApiProperty({ type: ReportedPeriodDto, description: 'Deals whose CloseDate falls in it.' })
  period: ReportedPeriodDto;
  @ApiProperty({ enum: DEAL_STATUSES, example: 'open' }) status: DealStatus;
  @ApiProperty({ enum: SORT_KEYS, example: 'amount' }) sort: SortKey;
  @ApiProperty({ enum: DIRECTIONS, example: 'desc' }) direction: Direction;
  @ApiProperty({ example: 137, description: 'Deals matching, over all pages.' }) total: number;
  @ApiProperty({ example: 25 }) limit: number;
  @ApiProperty({ example: 0 }) offset: number;
  @ApiProperty({ example: 25, nullable: true, type: Number, description: 'offset of the next page; null on the last.' })
  nextOffset: number | null;
  @ApiProperty({
    type: [OpportunityRowDto],
    description: 'This page, in the order asked (ties broken by Id, in the same direction).',
  })
  opportunities: OpportunityRowDto[];
}
