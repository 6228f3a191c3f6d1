// Gap and overflow events as Salesforce sends them: a header with the record ids and no field
// values. Gap events stand for changes made outside an application transaction (a direct database
// change, an oversized event); GAP_OVERFLOW for a transaction past the event threshold, one per
// entity, naming no record.
import type { ChangeEventPayload } from '../streaming/index.ts';

export const GAP_CHANGE_TYPES = ['GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE'] as const;
export type GapChangeType = (typeof GAP_CHANGE_TYPES)[number];

/** The record id an overflow event carries: it stands for every record of the entity. */
export const OVERFLOW_RECORD_ID = '000000000000000AAA';

export interface Commit {
  transactionKey: string;
  commitNumber: number;
  commitTimestamp: number;
  commitUser: string;
}

function event(entityName: string, changeType: string, recordIds: string[], commit: Commit): ChangeEventPayload {
  return {
    ChangeEventHeader: {
      entityName,
      recordIds,
      changeType,
      // Only changes made through an API or Lightning name their origin.
      changeOrigin: '',
      transactionKey: commit.transactionKey,
      // Salesforce documents it as always 1 on gap events.
      sequenceNumber: 1,
      commitTimestamp: commit.commitTimestamp,
      commitNumber: commit.commitNumber,
      commitUser: commit.commitUser,
      changedFields: [],
      nulledFields: [],
      diffFields: [],
    },
  };
}

/** One gap event per entity, naming all of that entity's records (as Salesforce merges them). */
export function gapEvents(
  changeType: GapChangeType,
  recordIdsByEntity: Map<string, string[]>,
  commit: Commit,
): ChangeEventPayload[] {
  return [...recordIdsByEntity].map(([entity, ids]) => event(entity, changeType, ids, commit));
}

export function overflowEvent(entityName: string, commit: Commit): ChangeEventPayload {
  return event(entityName, 'GAP_OVERFLOW', [OVERFLOW_RECORD_ID], commit);
}
