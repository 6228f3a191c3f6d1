import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * How long a version read is reused. Under load this turns one query per request into a few per
 * second; the price is that an answer may trail a change by this much, far below the sync's lag.
 */
export const MIRROR_VERSION_MAX_AGE_MS = 25;

/**
 * The mirror's version: a number the database bumps in the same transaction as any change to a
 * mirrored row (migration MirrorVersion), so every instance, standbys included, sees it move.
 */
@Injectable()
export class MirrorVersion {
  private read?: Promise<string>;
  private readAt = -Infinity;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The current version; concurrent callers share one read. */
  current(): Promise<string> {
    if (!this.read || performance.now() - this.readAt > MIRROR_VERSION_MAX_AGE_MS) {
      this.readAt = performance.now();
      this.read = this.db
        .query<{ version: string }[]>('SELECT version FROM mirror_version WHERE id = 1')
        .then(([row]) => row.version);
      this.read.catch(() => (this.read = undefined)); // a failed read is retried by the next request
    }
    return this.read;
  }
}
