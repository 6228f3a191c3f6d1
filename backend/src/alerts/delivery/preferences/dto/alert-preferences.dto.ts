import { ApiProperty } from '@nestjs/swagger';
import { CHANNELS, type Channel } from '../alert-preferences';
import { DigestDto, QuietHoursDto } from './update-alert-preferences.dto';

export class AlertPreferencesDto {
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'Where alert e-mail goes instead of your Salesforce e-mail; null: your Salesforce e-mail.',
  })
  email: string | null;

  @ApiProperty({
    example: 'dana.whitfield@pulse.demo',
    nullable: true,
    type: String,
    description: 'The e-mail on your Salesforce user (as mirrored).',
  })
  salesforceEmail: string | null;

  @ApiProperty({ enum: CHANNELS, isArray: true, example: ['email', 'salesforce'] })
  channels: Channel[];

  @ApiProperty({
    enum: CHANNELS,
    isArray: true,
    example: ['email', 'salesforce'],
    description: 'The channels this Pulse can send on (e-mail needs a mail server configured).',
  })
  availableChannels: Channel[];

  @ApiProperty({ type: QuietHoursDto, nullable: true })
  quietHours: QuietHoursDto | null;

  @ApiProperty({ example: 'Europe/Paris' })
  timeZone: string;

  @ApiProperty({ type: DigestDto })
  digest: DigestDto;

  @ApiProperty({
    example: '2026-11-24T10:00:00.000Z',
    nullable: true,
    type: String,
    description: 'When you last saved them; null: never (the defaults).',
  })
  updatedAt: string | null;
}
