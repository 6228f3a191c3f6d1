import { ApiProperty } from '@nestjs/swagger';
import { ReportedPeriodDto } from './reported-period.dto';

export class OwnerPipelineDto {
  @ApiProperty({ example: '0055g0000000005AAA', description: 'The owner (User Id).' }) ownerId: string;
  @ApiProperty({ example: 'Ana Souza', nullable: true, type: String, description: "The owner's Name." })
  ownerName: string | null;
  @ApiProperty({ example: 480000, description: 'Sum of Amount of their open deals closing in the period.' })
  amount: number;
  @ApiProperty({ example: 7, description: 'Number of those deals.' }) count: number;
  @ApiProperty({ example: 212500, description: 'Sum of Amount × Probability / 100 over the same deals.' })
  weighted: number;
}

export class PipelineByOwnerDto {
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
  @ApiProperty({
    type: [OwnerPipelineDto],
    description: 'Owners with open deals closing in the period, largest amount first (then by name).',
  })
  owners: OwnerPipelineDto[];
}
