import { ApiProperty } from '@nestjs/swagger';
import { DashboardLayoutDto } from './dashboard-layout.dto';

export const LAYOUT_SOURCES = ['user', 'team', 'product'] as const;
export type LayoutSource = (typeof LAYOUT_SOURCES)[number];

export class NamedRecordDto {
  @ApiProperty({ example: '00E000000000002AAA', description: 'Salesforce Id.' }) id: string;
  @ApiProperty({ example: 'West Sales Manager', nullable: true, type: String }) name: string | null;
}

export class DashboardDto {
  @ApiProperty({
    enum: LAYOUT_SOURCES,
    example: 'team',
    description:
      "Whose layout this is: the user's own, a team default published for a role above theirs, or the product's.",
  })
  source: LayoutSource;

  @ApiProperty({
    type: NamedRecordDto,
    nullable: true,
    description: 'The role whose team default this is (source team), or the role a team route names.',
  })
  role: NamedRecordDto | null;

  @ApiProperty({ type: DashboardLayoutDto }) layout: DashboardLayoutDto;

  @ApiProperty({
    example: 3,
    nullable: true,
    type: Number,
    description: 'Saves of the stored layout so far; null for the product default.',
  })
  version: number | null;

  @ApiProperty({ example: '2026-11-24T10:00:00.000Z', nullable: true, type: String }) updatedAt: string | null;

  @ApiProperty({ type: NamedRecordDto, nullable: true, description: 'Who saved it last (a User).' })
  updatedBy: NamedRecordDto | null;

  @ApiProperty({
    example: '"team.00E000000000002AAA.3"',
    description: 'The ETag header, repeated for clients behind a proxy that drops headers; send it as If-Match.',
  })
  etag: string;

  @ApiProperty({
    type: [String],
    example: [],
    description: 'Why a stored layout was passed over (for example a schemaVersion newer than this server).',
  })
  notices: string[];
}
