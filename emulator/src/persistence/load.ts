// Reads a state file into an empty store (and the streaming server's replay log), checking every
// line; the first bad one stops the load with an OrgStateError naming the file and the line.
import type { OrgStore } from '../org/store.ts';
import { OrgStateError } from './format.ts';
import { forEachLine } from './lines.ts';
import { StateReader } from './reader.ts';
import type { ReplayLogHolder } from './snapshot.ts';

export interface LoadReport {
  records: number;
  events: number;
  lines: number;
  ms: number;
}

/** Loads `file` into `store`, which must be empty. Throws OrgStateError on any bad line. */
export async function readOrgState(file: string, store: OrgStore, replayLog?: ReplayLogHolder): Promise<LoadReport> {
  const started = performance.now();
  if (store.snapshotTables().length > 0) throw new Error(`readOrgState: the store must be empty to load ${file}`);
  const reader = new StateReader(store);
  let at = 0;
  let lines: number;
  try {
    lines = await forEachLine(file, (text, line) => {
      at = line;
      try {
        reader.line(text);
      } catch (error) {
        throw new OrgStateError(file, line, (error as Error).message);
      }
    });
  } catch (error) {
    if (error instanceof OrgStateError) throw error;
    // The stream itself broke, somewhere after the last line read whole.
    const { code, message } = error as NodeJS.ErrnoException;
    throw new OrgStateError(file, at + 1, code?.startsWith('Z_') ? `the gzip data is corrupt (${message})` : message);
  }
  if (reader.expecting.kind !== 'done')
    throw new OrgStateError(
      file,
      lines + 1,
      'the file ends early (no end line): it was cut short or is not a complete save',
    );
  const header = reader.header!;
  store.restoreCounters({ commitNumber: header.commitNumber, ids: header.idCounters });
  replayLog?.restoreReplayLog({ nextReplayId: header.nextReplayId, events: reader.events });
  return { records: reader.records, events: reader.events.length, lines, ms: performance.now() - started };
}
