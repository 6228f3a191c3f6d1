// Folds a batch of change events (several whole Salesforce transactions, in commit order) into at
// most one write per record: a create followed by updates is one full record, several updates are
// one patch with the latest value of each field, a delete is a flag on either. The writer then
// needs one set-based statement per object and kind, whatever the number of events.
import type { EffectiveObject } from '../../mirror/mirror-config';
import { flattenCompound, flatFieldName } from '../../mirror/mirror-writer';
import type { ChangeEvent, ChangeType } from './change-event';

/** A whole record (CREATE, UNDELETE): fields it does not name are null. */
export interface FullChange {
  kind: 'full';
  fields: Record<string, unknown>;
  deleted: boolean;
  commitTimestamp: number;
  commitNumber: number;
}

/** Changed fields only (UPDATE, DELETE); `deleted` undefined leaves the flag as it is. */
export interface PatchChange {
  kind: 'patch';
  fields: Record<string, unknown>;
  deleted?: boolean;
  commitTimestamp: number;
  commitNumber: number;
}

export type FoldedChange = FullChange | PatchChange;

export interface ObjectChanges {
  object: EffectiveObject;
  records: Map<string, FoldedChange>;
  /** Ids to re-read from Salesforce, and why (gap events, values an event cannot carry). */
  refetch: Map<string, string>;
}

export interface FoldedBatch {
  objects: Map<string, ObjectChanges>;
  /** Objects to load afresh (GAP_OVERFLOW), with why. */
  resync: Map<string, string>;
  /** Events counted by object and change type, for metrics; events of objects not streamed too. */
  counts: Map<string, number>;
  events: number;
  lastReplayId: number | null;
  lastCommitTimestamp: number | null;
}

const isOlder = (event: ChangeEvent, current: FoldedChange): boolean =>
  event.header.commitTimestamp < current.commitTimestamp ||
  (event.header.commitTimestamp === current.commitTimestamp && event.header.commitNumber < current.commitNumber);

/**
 * Compound fields whose whole value is also mirrored (User.Name): events carry only the parts, so
 * the stored whole is re-read rather than guessed.
 */
function derivedCompounds(object: EffectiveObject): string[] {
  const kept = new Set([...object.fields.map((f) => f.field), ...object.extraFields]);
  return Object.keys(object.compound ?? {}).filter((name) => kept.has(name));
}

export class ChangeFolder {
  private readonly bySobject: Map<string, EffectiveObject>;
  private readonly derived = new Map<string, string[]>();

  /** `objects`: the streamed objects; events of any other entity only move the position. */
  constructor(objects: readonly EffectiveObject[]) {
    this.bySobject = new Map(objects.map((o) => [o.sobject, o]));
    for (const o of objects) this.derived.set(o.sobject, derivedCompounds(o));
  }

  fold(events: readonly ChangeEvent[]): FoldedBatch {
    const batch: FoldedBatch = {
      objects: new Map(),
      resync: new Map(),
      counts: new Map(),
      events: events.length,
      lastReplayId: null,
      lastCommitTimestamp: null,
    };
    for (const event of events) {
      const { header } = event;
      batch.lastReplayId = Math.max(batch.lastReplayId ?? event.replayId, event.replayId);
      batch.lastCommitTimestamp = Math.max(batch.lastCommitTimestamp ?? 0, header.commitTimestamp);
      const countKey = `${header.entityName}|${header.changeType}`;
      batch.counts.set(countKey, (batch.counts.get(countKey) ?? 0) + 1);
      const object = this.bySobject.get(header.entityName);
      if (!object) continue;
      let changes = batch.objects.get(object.sobject);
      if (!changes) batch.objects.set(object.sobject, (changes = { object, records: new Map(), refetch: new Map() }));
      this.foldEvent(batch, changes, event);
    }
    return batch;
  }

  private foldEvent(batch: FoldedBatch, changes: ObjectChanges, event: ChangeEvent): void {
    const { header } = event;
    const { object } = changes;
    const type: ChangeType = header.changeType;
    if (type === 'GAP_OVERFLOW') {
      batch.resync.set(object.sobject, `GAP_OVERFLOW at replayId ${event.replayId}`);
      return;
    }
    if (type.startsWith('GAP_')) {
      // Gap events name records but carry no values (and are not strongly ordered): re-read them.
      for (const id of header.recordIds) changes.refetch.set(id, type);
      return;
    }
    const flat = this.fieldsOf(object, event.fields);
    const touchesDerived = (this.derived.get(object.sobject) ?? []).filter(
      (name) => name in event.fields || header.nulledFields.some((n) => n.startsWith(`${name}.`)),
    );
    for (const id of header.recordIds) {
      if (touchesDerived.length > 0) changes.refetch.set(id, `${type} of ${touchesDerived.join(', ')}`);
      const current = changes.records.get(id);
      if (current && isOlder(event, current)) continue; // never older over newer, inside a batch too
      const stamp = { commitTimestamp: header.commitTimestamp, commitNumber: header.commitNumber };
      switch (type) {
        case 'CREATE':
        case 'UNDELETE':
          // A create (and an undelete) carries every non-null field: what it leaves out is null.
          changes.records.set(id, { kind: 'full', fields: { ...flat }, deleted: false, ...stamp });
          break;
        case 'UPDATE': {
          const values = { ...flat };
          for (const name of header.nulledFields) values[flatFieldName(object, name)] = null;
          if (current) changes.records.set(id, { ...current, fields: { ...current.fields, ...values }, ...stamp });
          else changes.records.set(id, { kind: 'patch', fields: values, ...stamp });
          break;
        }
        case 'DELETE':
          if (current) changes.records.set(id, { ...current, deleted: true, ...stamp });
          else changes.records.set(id, { kind: 'patch', fields: {}, deleted: true, ...stamp });
          break;
      }
    }
  }

  /** The event's values under flat field names, limited to what the mirror keeps. */
  private fieldsOf(object: EffectiveObject, fields: Record<string, unknown>): Record<string, unknown> {
    const flat = flattenCompound(object, fields);
    const kept: Record<string, unknown> = {};
    for (const f of object.fields) if (f.field in flat) kept[f.field] = flat[f.field];
    for (const f of object.extraFields) if (f in flat) kept[f] = flat[f];
    return kept;
  }
}
