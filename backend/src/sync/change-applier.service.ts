import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChangeEvent } from './change-event';
import { Opportunity } from './entities/opportunity.entity';
import { SyncChannel } from './entities/sync-channel.entity';
import { nulledColumns, opportunityColumns } from './opportunity-mapping';

export interface ApplyOutcome {
  /** Records the event names but cannot bring up to date by itself (gap events, unknown rows). */
  refetch: string[];
  /** The event says changes were lost for the whole object (GAP_OVERFLOW). */
  resync: boolean;
}

/**
 * Applies Change Data Capture events to the mirror. Each event and its replayId commit together,
 * so after a crash the event is either fully applied and recorded or neither. Applying is
 * idempotent and ordered: a change older than the row (by commit time) never overwrites it.
 */
@Injectable()
export class ChangeApplier {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  apply(event: ChangeEvent, channel: string): Promise<ApplyOutcome> {
    return this.db.transaction(async (tx) => {
      const outcome: ApplyOutcome = { refetch: [], resync: false };
      if (event.header.entityName === 'Opportunity') await this.applyOpportunity(tx, event, outcome);
      const committedAt = new Date(event.header.commitTimestamp);
      await tx
        .getRepository(SyncChannel)
        .upsert({ channel, replayId: String(event.replayId), lastChangeAt: committedAt, updatedAt: new Date() }, [
          'channel',
        ]);
      return outcome;
    });
  }

  private async applyOpportunity(tx: EntityManager, event: ChangeEvent, outcome: ApplyOutcome): Promise<void> {
    const { header, fields } = event;
    const committedAt = new Date(header.commitTimestamp);
    const repo = tx.getRepository(Opportunity);
    const now = new Date();
    for (const salesforceId of header.recordIds) {
      const row = await repo.findOne({ where: { salesforceId }, lock: { mode: 'pessimistic_write' } });
      if (row && row.systemModstamp.getTime() > committedAt.getTime()) continue; // already newer
      switch (header.changeType) {
        case 'CREATE':
        case 'UNDELETE':
          await repo.upsert(
            {
              ...opportunityColumns(fields),
              salesforceId,
              isDeleted: false,
              systemModstamp: committedAt,
              lastSyncedAt: now,
            },
            ['salesforceId'],
          );
          break;
        case 'UPDATE':
          if (!row) outcome.refetch.push(salesforceId);
          else
            await repo.update(
              { salesforceId },
              {
                ...opportunityColumns(fields),
                ...nulledColumns(header.nulledFields),
                systemModstamp: committedAt,
                lastSyncedAt: now,
              },
            );
          break;
        case 'DELETE':
          if (row)
            await repo.update({ salesforceId }, { isDeleted: true, systemModstamp: committedAt, lastSyncedAt: now });
          break;
        case 'GAP_OVERFLOW':
          outcome.resync = true;
          return;
        default: // GAP_CREATE, GAP_UPDATE, GAP_DELETE, GAP_UNDELETE carry ids but no values.
          outcome.refetch.push(salesforceId);
      }
    }
  }
}
