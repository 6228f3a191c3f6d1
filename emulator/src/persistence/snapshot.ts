// What a save writes, taken in one synchronous step so records and replay log agree; writing it
// out afterwards is asynchronous and can overlap later commits without tearing the snapshot.
import type { SObjectRecord } from '../org/schema.ts';
import type { OrgStore, StoreCounters } from '../org/store.ts';
import type { ReplayLogState } from '../streaming/replay-log.ts';

/** The streaming server's side of persistence (StreamingServer implements it). */
export interface ReplayLogHolder {
  exportReplayLog(): ReplayLogState;
  restoreReplayLog(state: ReplayLogState): void;
}

export interface OrgSnapshot {
  orgId: string;
  counters: StoreCounters;
  tables: [sobject: string, rows: SObjectRecord[]][];
  replay: ReplayLogState;
}

/** An org without a streaming server keeps no events; its replayIds start at 1. */
const NO_EVENTS: ReplayLogState = { nextReplayId: 1, events: [] };

export function takeSnapshot(store: OrgStore, replayLog?: ReplayLogHolder): OrgSnapshot {
  return {
    orgId: store.orgId,
    counters: store.counters,
    tables: store.snapshotTables(),
    replay: replayLog?.exportReplayLog() ?? NO_EVENTS,
  };
}
