import { ApiProperty } from '@nestjs/swagger';

const nullable = { nullable: true } as const;

export class LoadProgressDto {
  @ApiProperty({ example: 412000, description: 'Records loaded so far.' }) records: number;
  @ApiProperty({ example: 1000000, type: Number, ...nullable, description: 'Records to load, once known.' })
  total: number | null;
  @ApiProperty({ example: 38500, type: Number, ...nullable, description: 'Recent load rate (records/s).' })
  recordsPerSecond: number | null;
  @ApiProperty({ example: 15, type: Number, ...nullable, description: 'Estimated seconds to the end of the load.' })
  etaSeconds: number | null;
}

export class ReconciliationSummaryDto {
  @ApiProperty({ example: '2026-11-24T10:00:00.000Z' }) startedAt: string;
  @ApiProperty({ example: '2026-11-24T10:00:02.310Z' }) finishedAt: string;
  @ApiProperty({
    example: 3001,
    type: Number,
    ...nullable,
    description: 'Live records in the org (not in the recycle bin).',
  })
  orgCount: number | null;
  @ApiProperty({ example: 3002, type: Number, ...nullable, description: 'Live rows in the mirror, before repair.' })
  mirrorCount: number | null;
  @ApiProperty({
    example: '2026-11-24T09:59:58.000Z',
    type: String,
    ...nullable,
    description: 'MAX(SystemModstamp) in the org.',
  })
  orgWatermark: string | null;
  @ApiProperty({
    example: '2026-11-24T09:59:58.000Z',
    type: String,
    ...nullable,
    description: 'The same in the mirror, after repair.',
  })
  mirrorWatermark: string | null;
  @ApiProperty({ example: 2, description: 'Rows found drifted and repaired.' }) repaired: number;
  @ApiProperty({ example: 1, description: 'Rows with other values (changes that emitted no event).' }) changed: number;
  @ApiProperty({ example: 0, description: 'Rows the org has and the mirror had not.' }) missing: number;
  @ApiProperty({ example: 1, description: 'Rows the org hard-deleted without an event.' }) hardDeleted: number;
  @ApiProperty({ example: null, type: String, ...nullable, description: 'Why the run failed.' }) error: string | null;
}

export class SyncObjectStatusDto {
  @ApiProperty({ example: 'Opportunity' }) sobject: string;
  @ApiProperty({
    enum: ['stream', 'poll'],
    example: 'stream',
    description: 'Change Data Capture, or polling by SystemModstamp (objects without change events, or not selected).',
  })
  mode: 'stream' | 'poll';
  @ApiProperty({
    example: 'streaming',
    description:
      'pending, loading, resyncing, streaming, polling, error (or the sync state when the object has no state of its own).',
  })
  state: string;
  @ApiProperty({ example: 3001, description: 'Rows in the mirror that are live.' }) liveRows: number;
  @ApiProperty({ example: 42, description: 'Rows in the mirror marked deleted (recycle bin or hard-deleted).' })
  deletedRows: number;
  @ApiProperty({
    example: '2026-11-24T10:00:01.000Z',
    type: String,
    ...nullable,
    description: 'Commit time (SystemModstamp) of the newest change applied.',
  })
  lastChangeAt: string | null;
  @ApiProperty({
    example: 1.4,
    type: Number,
    ...nullable,
    description: 'Now minus lastChangeAt, in seconds. Grows while the object is idle; see trustworthy for staleness.',
  })
  lagSeconds: number | null;
  @ApiProperty({ example: null, type: String, ...nullable, description: 'Polled objects: the last successful poll.' })
  lastPolledAt: string | null;
  @ApiProperty({
    example: '2026-11-24T10:00:01.000Z',
    type: String,
    ...nullable,
    description: 'Polled objects: the SystemModstamp the next poll reads from.',
  })
  watermark: string | null;
  @ApiProperty({
    example: '2026-11-24T09:40:12.000Z',
    type: String,
    ...nullable,
    description: 'When its last load ended.',
  })
  loadedAt: string | null;
  @ApiProperty({ type: LoadProgressDto, ...nullable, description: 'Present while the object loads.' })
  load: LoadProgressDto | null;
  @ApiProperty({ example: null, type: String, ...nullable }) lastError: string | null;
  @ApiProperty({ type: ReconciliationSummaryDto, ...nullable, description: 'The last finished reconciliation.' })
  lastReconciliation: ReconciliationSummaryDto | null;
}

export class SyncErrorDto {
  @ApiProperty({ example: '2026-11-24T09:58:00.000Z' }) occurredAt: string;
  @ApiProperty({ example: 'Opportunity', type: String, ...nullable }) sobject: string | null;
  @ApiProperty({ example: 'poll', description: 'What failed: load, apply, poll, reconcile...' }) kind: string;
  @ApiProperty({ example: 'Polling ForecastingQuota failed: socket hang up' }) message: string;
  @ApiProperty({ example: ['0063t00000AbCdEAAV'], type: [String], ...nullable }) recordIds: string[] | null;
  @ApiProperty({ example: null, type: Number, ...nullable }) replayId: number | null;
}

export class LeaderDto {
  @ApiProperty({ example: true, description: 'Whether this instance leads (streams, polls, reconciles).' })
  thisInstance: boolean;
  @ApiProperty({ example: true, description: 'Whether any instance holds the sync lock now.' }) held: boolean;
  @ApiProperty({ example: 'ip-10-0-1-23:1:9f2c01ab', type: String, ...nullable, description: 'The latest leader.' })
  holder: string | null;
  @ApiProperty({ example: '2026-11-24T09:40:00.000Z', type: String, ...nullable }) since: string | null;
}

export class SyncStatusDto {
  @ApiProperty({
    example: 'streaming',
    description:
      "This instance's sync: starting, loading, streaming, resyncing, retrying, standby (another instance leads), stopped.",
  })
  state: string;
  @ApiProperty({ type: LeaderDto }) leader: LeaderDto;
  @ApiProperty({ example: true, description: 'Whether the numbers can be trusted now; `reasons` says why not.' })
  trustworthy: boolean;
  @ApiProperty({ example: 'Trustworthy: every object is loaded and kept current.' }) verdict: string;
  @ApiProperty({ example: [], type: [String], description: 'What makes the mirror untrustworthy now.' })
  reasons: string[];
  @ApiProperty({
    example: ['reconciliation repaired 1 drifted row(s) of Opportunity 12 min ago'],
    type: [String],
    description: 'Worth knowing, without making it untrustworthy.',
  })
  notes: string[];
  @ApiProperty({ example: '2026-11-24T10:00:02.500Z' }) checkedAt: string;
  @ApiProperty({
    example: '2026-11-24T10:00:01.000Z',
    type: String,
    ...nullable,
    description: 'Salesforce commit time of the newest change applied to any streamed object.',
  })
  lastChangeAt: string | null;
  @ApiProperty({ example: 1.5, type: Number, ...nullable, description: 'Now minus lastChangeAt, in seconds.' })
  lagSeconds: number | null;
  @ApiProperty({ type: [SyncObjectStatusDto] }) objects: SyncObjectStatusDto[];
  @ApiProperty({ type: [SyncErrorDto], description: 'The latest entries of the sync error log (at most 20).' })
  recentErrors: SyncErrorDto[];
}
