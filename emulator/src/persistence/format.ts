// The org state file: NDJSON, one JSON value a line, optionally gzipped. A header line, then per
// sObject a section line giving the row count followed by that many record lines, then the replay
// log's events the same way, then an end line, so a cut or edited file is refused rather than half
// loaded. Example (one line each):
//   {"format":"pulse-emulator-org","version":1,"orgId":"00D...","savedAt":"...","commitNumber":7,
//    "idCounters":{"006":120},"nextReplayId":31}
//   {"sobject":"Opportunity","records":120}
//   {"Id":"0065g00000000001AAA","Name":"Acme - Pilot",...}
//   {"events":30}
//   {"replayId":1,"publishedAt":...,"entityName":"Opportunity","schema":"...","payload":{...}}
//   {"end":true,"records":120,"events":30}

export const STATE_FORMAT = 'pulse-emulator-org';
export const STATE_VERSION = 1;

export interface StateHeader {
  format: typeof STATE_FORMAT;
  version: number;
  orgId: string;
  /** ISO time of the save, for people reading the file. */
  savedAt: string;
  commitNumber: number;
  idCounters: Record<string, number>;
  nextReplayId: number;
}

export type SectionLine = { sobject: string; records: number } | { events: number };

export interface EndLine {
  end: true;
  records: number;
  events: number;
}

/** A state file that cannot be loaded: names the file and the line, never loads part of it. */
export class OrgStateError extends Error {
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, reason: string) {
    super(`Cannot load the org state file ${file}, line ${line}: ${reason}`);
    this.name = 'OrgStateError';
    this.file = file;
    this.line = line;
  }
}

/** Compressed when the name says so; loading recognises gzip by its magic bytes instead. */
export function isGzipName(file: string): boolean {
  return file.endsWith('.gz');
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
