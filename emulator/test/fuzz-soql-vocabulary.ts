// What the SOQL fuzzers may write about an org: every field path of every sObject (parent
// relationships one hop up included) and values sampled from the org's rows. Read from the
// describe, so new objects and fields are fuzzed without changes here.
import fc from 'fast-check';
import { describeSObject, SOBJECTS, type FieldDescribe, type SObjectDescribe } from '../src/org/schema.ts';
import type { OrgStore } from '../src/org/store.ts';

/** How SOQL treats a field's values, which decides the literals and operators it takes. */
export type Kind =
  | 'text'
  | 'picklist'
  | 'id'
  | 'number'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'multipicklist'
  /** Compound fields (MailingAddress): selectable, but neither filtered, sorted nor grouped. */
  | 'compound';

export function kindOf(field: FieldDescribe): Kind {
  switch (field.type) {
    case 'id':
    case 'reference':
      return 'id';
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return 'number';
    case 'boolean':
    case 'date':
    case 'datetime':
    case 'picklist':
    case 'multipicklist':
      return field.type;
    case 'address':
      return 'compound';
    default:
      return 'text';
  }
}

/** `Amount`, or `Owner.Name`: `hops` are the reference fields followed from the queried row. */
export interface FieldPath {
  path: string;
  field: FieldDescribe;
  hops: string[];
}

export function fieldPaths(sobject: SObjectDescribe): FieldPath[] {
  const paths: FieldPath[] = sobject.fields.map((field) => ({ path: field.name, field, hops: [] }));
  for (const reference of sobject.fields) {
    const target = reference.referenceTo && describeSObject(reference.referenceTo[0]);
    if (!target || !reference.relationshipName) continue;
    for (const field of target.fields) {
      paths.push({ path: `${reference.relationshipName}.${field.name}`, field, hops: [reference.name] });
    }
  }
  return paths;
}

/** The value a field path reads on a stored row (null when a parent is missing). */
export function valueAt(store: OrgStore, row: Record<string, unknown>, fp: FieldPath): unknown {
  let current: Record<string, unknown> | undefined = row;
  for (const hop of fp.hops) {
    const id: unknown = current[hop];
    current = typeof id === 'string' ? store.byId(id) : undefined;
    if (!current) return null;
  }
  return current[fp.field.name] ?? null;
}

export interface Vocabulary {
  store: OrgStore;
  /** sObjects that hold rows, so that filters can match something. */
  sobjects: SObjectDescribe[];
  /** One of `sobjects`, the bigger tables more often (they have more to get wrong). */
  sobjectName: fc.Arbitrary<string>;
  paths(sobject: string): FieldPath[];
  /** Up to 8 distinct non-null values of a path in the org. */
  samples(sobject: string, fp: FieldPath): unknown[];
}

export function vocabularyOf(store: OrgStore): Vocabulary {
  const cache = new Map<string, unknown[]>();
  const pathsBySObject = new Map(SOBJECTS.map((s) => [s.name, fieldPaths(s)]));
  const sobjects = SOBJECTS.filter((s) => store.count(s.name) > 0);
  const weighted = sobjects.map((s) => ({
    arbitrary: fc.constant(s.name),
    weight: Math.ceil(Math.log2(store.count(s.name) + 1)),
  }));
  return {
    store,
    sobjects,
    sobjectName: fc.oneof(...weighted),
    paths: (sobject) => pathsBySObject.get(sobject) ?? [],
    samples(sobject, fp) {
      const key = `${sobject}.${fp.path}`;
      let values = cache.get(key);
      if (!values) {
        const seen = new Set<unknown>();
        let scanned = 0;
        for (const row of store.scan(sobject)) {
          const value = valueAt(store, row, fp);
          // Huge texts (a fuzzer's writes) would make huge queries: leave them out.
          if (value !== null && String(value).length <= 200) seen.add(value);
          if (seen.size >= 8 || ++scanned > 500) break;
        }
        values = [...seen];
        cache.set(key, values);
      }
      return values;
    },
  };
}
