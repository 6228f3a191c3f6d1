import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { PulseConfig } from '../config/pulse-config';
import { flattenCompound, patchRecord, upsertRecords } from '../mirror/mirror-writer';
import type { ChangeEvent } from './change-event';
import { SyncChannel } from './entities/sync-channel.entity';

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
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: PulseConfig,
  ) {}

  apply(event: ChangeEvent, channel: string): Promise<ApplyOutcome> {
    return this.db.transaction(async (tx) => {
      const outcome: ApplyOutcome = { refetch: [], resync: false };
      await this.applyToMirror(tx, event, outcome);
      const committedAt = new Date(event.header.commitTimestamp);
      await tx
        .getRepository(SyncChannel)
        .upsert({ channel, replayId: String(event.replayId), lastChangeAt: committedAt, updatedAt: new Date() }, [
          'channel',
        ]);
      return outcome;
    });
  }

  private async applyToMirror(tx: EntityManager, event: ChangeEvent, outcome: ApplyOutcome): Promise<void> {
    const { header, fields } = event;
    const object = this.config.sync.objects.find((o) => o.sobject === header.entityName);
    if (!object) return; // not mirrored
    const committedAt = new Date(header.commitTimestamp);
    for (const id of header.recordIds) {
      switch (header.changeType) {
        case 'CREATE':
        case 'UNDELETE': {
          // A create carries every non-null field: what it leaves out is null.
          const record = {
            ...flattenCompound(object, fields),
            Id: id,
            SystemModstamp: header.commitTimestamp,
            IsDeleted: false,
          };
          await upsertRecords(tx, object, [record]);
          break;
        }
        case 'UPDATE':
          if (!(await patchRecord(tx, object, id, fields, header.nulledFields, committedAt))) outcome.refetch.push(id);
          break;
        case 'DELETE':
          await tx.query(
            `UPDATE ${object.table} SET is_deleted = true, system_modstamp = $2, last_synced_at = now()
             WHERE salesforce_id = $1 AND system_modstamp <= $2`,
            [id, committedAt.toISOString()],
          );
          break;
        case 'GAP_OVERFLOW':
          outcome.resync = true;
          return;
        default: // GAP_CREATE, GAP_UPDATE, GAP_DELETE, GAP_UNDELETE carry ids but no values.
          outcome.refetch.push(id);
      }
    }
  }
}
