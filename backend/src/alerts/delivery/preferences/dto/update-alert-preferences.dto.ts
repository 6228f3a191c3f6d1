import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsTimeZone,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, type Channel } from '../alert-preferences';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

// Nested messages name only the field: the validation pipe prefixes the parent ("quietHours.start ...").
export class QuietHoursDto {
  @ApiProperty({ example: '22:00', description: 'Local time quiet hours begin (24-hour HH:MM).' })
  @Matches(HH_MM, { message: 'start must be a 24-hour time HH:MM, such as 22:00' })
  start: string;

  @ApiProperty({ example: '07:00', description: 'Local time they end; earlier than start spans midnight.' })
  @Matches(HH_MM, { message: 'end must be a 24-hour time HH:MM, such as 07:00' })
  end: string;
}

export class DigestDto {
  @ApiProperty({ example: true, description: 'One e-mail a day listing the alerts, instead of each as it happens.' })
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled: boolean;

  @ApiProperty({ example: 8, minimum: 0, maximum: 23, description: 'Local hour the digest is sent.' })
  @IsInt({ message: 'hour must be a whole hour from 0 to 23' })
  @Min(0, { message: 'hour must be a whole hour from 0 to 23' })
  @Max(23, { message: 'hour must be a whole hour from 0 to 23' })
  hour: number;
}

/** PUT replaces the viewer's preferences; omitted optional fields take their defaults. */
export class UpdateAlertPreferencesDto {
  @ApiPropertyOptional({
    example: 'dana@example.com',
    nullable: true,
    type: String,
    description: 'Where alert e-mail goes; null or omitted: the e-mail on your Salesforce user.',
  })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address, or null for the e-mail on your Salesforce user' })
  email?: string | null;

  @ApiProperty({ enum: CHANNELS, isArray: true, example: ['email', 'salesforce'] })
  @IsArray({ message: 'channels must be a list of: email, salesforce' })
  @ArrayNotEmpty({ message: 'channels must name at least one of: email, salesforce' })
  @ArrayUnique({ message: 'channels must not repeat a channel' })
  @IsIn(CHANNELS, { each: true, message: 'channels may hold only: email, salesforce' })
  channels: Channel[];

  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true, description: 'null or omitted: no quiet hours.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto | null;

  @ApiProperty({ example: 'Europe/Paris', description: 'IANA time zone of the quiet hours and the digest hour.' })
  @IsTimeZone({ message: 'timeZone must be an IANA time zone, such as Europe/Paris or America/New_York' })
  timeZone: string;

  @ApiPropertyOptional({ type: DigestDto, description: 'Omitted: no digest.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DigestDto)
  digest?: DigestDto;
}
