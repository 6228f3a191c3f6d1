// Binds names as written in the query to the org's describe (case-insensitively, as Salesforce does) and
// builds the getters that read a field, following parent relationships (Account.Owner.Name) by id.

import { describeField, describeSObject } from '../org/schema.ts';
import type { FieldDescribe, SObjectDescribe, SObjectRecord } from '../org/schema.ts';
import type { RecordSource } from './api.ts';
import type { FieldRef } from './ast.ts';
import { noSuchColumn, unknownRelationship, unsupportedSObject } from './errors.ts';

/** One step up a relationship: read `reference` (OwnerId), then the `target` record with that id. */
export interface Hop {
  reference: FieldDescribe;
  target: SObjectDescribe;
}

export interface BoundField {
  /** Canonical dotted path ('Owner.Name'), also used to match SELECT items against GROUP BY. */
  canonical: string;
  hops: Hop[];
  field: FieldDescribe;
  pos: number;
}

export function bindSObject(name: string, text: string, pos: number): SObjectDescribe {
  const sobject = describeSObject(name);
  if (!sobject) throw unsupportedSObject(name, { text, pos });
  return sobject;
}

export function bindField(root: SObjectDescribe, ref: FieldRef, text: string): BoundField {
  let current = root;
  const hops: Hop[] = [];
  const names: string[] = [];
  const last = ref.path.length - 1;
  // Position of each segment, for the caret: segments are contiguous identifiers joined by dots.
  let segmentPos = ref.pos;
  for (let i = 0; i < last; i++) {
    const segment = ref.path[i];
    const lower = segment.toLowerCase();
    const reference = current.fields.find((f) => f.relationshipName?.toLowerCase() === lower);
    if (reference?.referenceTo) {
      const target = describeSObject(reference.referenceTo[0]);
      if (!target) throw unknownRelationship(segment, { text, pos: segmentPos });
      hops.push({ reference, target });
      names.push(reference.relationshipName as string);
      current = target;
    } else if (!(i === 0 && lower === root.name.toLowerCase())) {
      // `Opportunity.Name` FROM Opportunity qualifies the field with the object itself; anything else is wrong.
      throw unknownRelationship(segment, { text, pos: segmentPos });
    }
    segmentPos = text.indexOf('.', segmentPos) + 1;
    while (/\s/.test(text[segmentPos] ?? '')) segmentPos++;
  }
  const field = describeField(current, ref.path[last]);
  if (!field)
    throw noSuchColumn(ref.path[last], current.name, { text, pos: ref.path.length > 1 ? segmentPos : ref.pos });
  names.push(field.name);
  return { canonical: names.join('.'), hops, field, pos: ref.pos };
}

/** A getter for a bound field; null when the field is null or any parent on the way is missing. */
export function fieldGetter(bound: BoundField, source: RecordSource): (row: SObjectRecord) => unknown {
  const name = bound.field.name;
  const refs = bound.hops.map((h) => h.reference.name);
  if (refs.length === 0) return (row) => row[name] ?? null;
  if (refs.length === 1) {
    const ref = refs[0];
    return (row) => {
      const id = row[ref];
      if (typeof id !== 'string') return null;
      const parent = source.byId(id);
      return parent === undefined ? null : (parent[name] ?? null);
    };
  }
  return (row) => {
    let current: SObjectRecord | undefined = row;
    for (let i = 0; i < refs.length; i++) {
      const id: unknown = current[refs[i]];
      if (typeof id !== 'string') return null;
      current = source.byId(id);
      if (current === undefined) return null;
    }
    return current[name] ?? null;
  };
}
