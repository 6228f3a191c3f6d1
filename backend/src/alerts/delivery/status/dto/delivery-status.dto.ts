import { ApiProperty } from '@nestjs/swagger';
import { CHANNELS, type Channel } from '../../preferences/alert-preferences';

export class OutboxCountsDto {
  @ApiProperty({ example: 2, description: 'Waiting: due, deferred by quiet hours, or retrying.' }) pending: number;
  @ApiProperty({ example: 120 }) delivered: number;
  @ApiProperty({ example: 7, description: 'Held for a daily digest (delivered once the digest is sent).' })
  digested: number;
  @ApiProperty({ example: 1, description: 'Given up on after every retry, or undeliverable.' }) failed: number;
}

export class FailedAlertDto {
  @ApiProperty({ example: 42 }) id: number;
  @ApiProperty({ example: '005000000000001AAA' }) userId: string;
  @ApiProperty({ example: 'deal_won' }) ruleKind: string;
  @ApiProperty({ example: 8 }) attempts: number;
  @ApiProperty({ example: 'email: 550 mailbox unavailable', nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ example: '2026-11-24T10:00:00.000Z' }) createdAt: string;
}

export class DeliveryStatusDto {
  @ApiProperty({ enum: CHANNELS, isArray: true, example: ['email', 'salesforce'] }) availableChannels: Channel[];
  @ApiProperty({ type: OutboxCountsDto }) outbox: OutboxCountsDto;
  @ApiProperty({ example: 0, description: 'Alerts whose last attempt failed and that will be retried.' })
  retrying: number;
  @ApiProperty({ type: [FailedAlertDto], description: 'The 20 most recent failures, newest first.' })
  recentFailures: FailedAlertDto[];
  @ApiProperty({ example: '2026-11-24T10:00:05.000Z', description: 'When this was read.' }) asOf: string;
}
