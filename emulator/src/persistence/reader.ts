// The state file's grammar, one line at a time: header, then sections each followed by as many
// lines as they announce, then the end line. Records go straight into the store; events are kept
// for the replay log. Any deviation throws, and the caller names the line.
import { describeSObject } from '../org/schema.ts';
import type { OrgStore } from '../org/store.ts';
import type { LoggedEvent } from '../streaming/replay-log.ts';
import { isObject, STATE_FORMAT, STATE_VERSION, type StateHeader } from './format.ts';
import { StringInterner } from './intern.ts';

type Expecting =
  | { kind: 'header' }
  | { kind: 'section' }
  | { kind: 'records'; sobject: string; left: number }
  | { kind: 'events'; left: number }
  | { kind: 'done' };

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

export class StateReader {
  header?: StateHeader;
  records = 0;
  readonly events: LoggedEvent[] = [];
  expecting: Expecting = { kind: 'header' };
  readonly #store: OrgStore;
  readonly #interner = new StringInterner();

  constructor(store: OrgStore) {
    this.#store = store;
  }

  line(text: string): void {
    const expecting = this.expecting;
    if (expecting.kind === 'done') throw new Error('unexpected data after the end line');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new Error(`not valid JSON (${(error as Error).message})`);
    }
    if (!isObject(value)) throw new Error('expected a JSON object');
    if (expecting.kind === 'header') this.#header(value);
    else if (expecting.kind === 'section') this.#section(value);
    else if (expecting.kind === 'records') this.#record(value, expecting);
    else this.#event(value, expecting);
  }

  #header(value: Record<string, unknown>): void {
    if (value.format !== STATE_FORMAT) throw new Error(`not an org state file (expected "format":"${STATE_FORMAT}")`);
    if (value.version !== STATE_VERSION)
      throw new Error(
        `unsupported version ${JSON.stringify(value.version)}; this emulator reads version ${STATE_VERSION}`,
      );
    if (value.orgId !== this.#store.orgId)
      throw new Error(`the file holds org ${String(value.orgId)}, this emulator is org ${this.#store.orgId}`);
    const counters = value.idCounters;
    if (!isCount(value.commitNumber) || !isCount(value.nextReplayId) || value.nextReplayId < 1 || !isObject(counters))
      throw new Error('the header lacks commitNumber, nextReplayId or idCounters');
    for (const [prefix, n] of Object.entries(counters))
      if (!isCount(n)) throw new Error(`bad id counter ${prefix}=${JSON.stringify(n)}`);
    this.header = value as unknown as StateHeader;
    this.expecting = { kind: 'section' };
  }

  #section(value: Record<string, unknown>): void {
    if (value.end === true) {
      if (value.records !== this.records || value.events !== this.events.length)
        throw new Error(
          `the end line counts ${value.records} records and ${value.events} events, the file has ${this.records} and ${this.events.length}`,
        );
      this.expecting = { kind: 'done' };
    } else if ('sobject' in value) {
      const describe = describeSObject(String(value.sobject));
      if (!describe) throw new Error(`unknown sObject ${JSON.stringify(value.sobject)}`);
      if (!isCount(value.records)) throw new Error('a section needs a record count');
      this.expecting =
        value.records > 0 ? { kind: 'records', sobject: describe.name, left: value.records } : this.expecting;
    } else if ('events' in value) {
      if (!isCount(value.events)) throw new Error('the events section needs an event count');
      this.expecting = value.events > 0 ? { kind: 'events', left: value.events } : this.expecting;
    } else {
      throw new Error('expected a section line ({"sobject":...}, {"events":...} or {"end":true})');
    }
  }

  #record(value: Record<string, unknown>, expecting: { sobject: string; left: number }): void {
    const id = value.Id;
    if (typeof id !== 'string' || id.length !== 18)
      throw new Error(`a ${expecting.sobject} record without an 18-character Id`);
    if (this.#store.byId(id)) throw new Error(`duplicate record ${id}`);
    this.#interner.intern(value);
    this.#store.put(expecting.sobject, value as Record<string, unknown> & { Id: string });
    this.records++;
    if (--expecting.left === 0) this.expecting = { kind: 'section' };
  }

  #event(value: Record<string, unknown>, expecting: { left: number }): void {
    const previous = this.events.at(-1)?.replayId ?? 0;
    if (!isCount(value.replayId) || value.replayId <= previous || value.replayId >= this.header!.nextReplayId)
      throw new Error(`replayId ${JSON.stringify(value.replayId)} out of order`);
    if (
      typeof value.publishedAt !== 'number' ||
      typeof value.entityName !== 'string' ||
      typeof value.schema !== 'string'
    )
      throw new Error('an event needs publishedAt, entityName and schema');
    if (!isObject(value.payload) || !isObject(value.payload.ChangeEventHeader))
      throw new Error('an event needs a payload with its ChangeEventHeader');
    this.events.push(value as unknown as LoggedEvent);
    if (--expecting.left === 0) this.expecting = { kind: 'section' };
  }
}
