// Loads data tree files into the org through the store, one transaction per file (all of a file's
// records or none), as `sf data import tree` does through the sObject Tree API. `@referenceId`
// values are resolved against records created by earlier files or earlier in the same file; nested
// child records (Account.Opportunities) are created after their parent with the lookup filled in.
// Field checks are the store's own, so errors carry Salesforce's codes.
import { describeField } from '../org/schema.ts';
import type { OrgStore, Transaction } from '../org/store.ts';
import { WriteError } from '../org/values.ts';
import { sobjectOfId } from './fields.ts';
import { flatten, type Pending, type TreeFileInput } from './flatten.ts';
import { DataTreeError, referenceIn } from './format.ts';

export type { TreeFileInput } from './flatten.ts';

export interface ImportedRecord {
  refId: string;
  type: string;
  id: string;
}

const article = (noun = 'record') => `${/^[AEIOU]/.test(noun) ? 'an' : 'a'} ${noun}`;

/** The record's values with `@references` replaced by ids; null while one points at a record not created yet. */
function resolve(
  store: OrgStore,
  file: string,
  { record, describe }: Pending,
  ids: Map<string, string>,
  waiting: Set<string>,
): Record<string, unknown> | null {
  const values: Record<string, unknown> = {};
  const where = { referenceId: record.attributes.referenceId, type: describe.name };
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes') continue;
    const f = describeField(describe, key);
    if (f?.type !== 'reference' || value === null) {
      values[key] = value;
      continue;
    }
    const ref = referenceIn(value);
    if (ref !== undefined && waiting.has(ref)) return null;
    const id = ref !== undefined ? ids.get(ref) : typeof value === 'string' ? value : undefined;
    // Salesforce's codes: MALFORMED_ID for a value that is no id of the lookup's objects (an
    // unresolved @reference reaches the org as such), INVALID_CROSS_REFERENCE_KEY for a missing record.
    const target = id === undefined ? undefined : sobjectOfId(id);
    if (!target || !f.referenceTo?.includes(target.name)) {
      const why = ref
        ? id === undefined
          ? `no record of this import has referenceId ${ref}`
          : `@${ref} is ${id}, ${article(target?.name)}; the lookup takes ${f.referenceTo?.join(' or ')}`
        : `the lookup takes ${f.referenceTo?.join(' or ')}`;
      throw new DataTreeError(file, `${f.name}: id value of incorrect type: ${String(value)} (${why})`, {
        ...where,
        errorCode: 'MALFORMED_ID',
      });
    }
    const existing = store.get(target.name, id!);
    if (!existing || existing.IsDeleted === true)
      throw new DataTreeError(file, `${f.name}: invalid cross reference id: ${id}`, {
        ...where,
        errorCode: 'INVALID_CROSS_REFERENCE_KEY',
      });
    // Stored as Salesforce returns it: the 18-character id, whichever form the file used.
    values[f.name] = existing.Id;
  }
  return values;
}

/** Creates one file's records in `tx`, parents before the children that point at them. */
function importFile(store: OrgStore, tx: Transaction, file: string, pending: Pending[], ids: Map<string, string>) {
  const created: ImportedRecord[] = [];
  const waiting = new Set(pending.map((p) => p.record.attributes.referenceId));
  let queue = pending;
  while (queue.length > 0) {
    const deferred: Pending[] = [];
    for (const item of queue) {
      const values = resolve(store, file, item, ids, waiting);
      if (!values) {
        deferred.push(item);
        continue;
      }
      const { referenceId, type } = item.record.attributes;
      try {
        const id = tx.create(type, values);
        ids.set(referenceId, id);
        waiting.delete(referenceId);
        created.push({ refId: referenceId, type, id });
      } catch (error) {
        if (error instanceof WriteError)
          throw new DataTreeError(file, error.message, { referenceId, type, errorCode: error.errorCode });
        throw error;
      }
    }
    if (deferred.length === queue.length) {
      const refs = deferred.map((p) => p.record.attributes.referenceId).join(', ');
      throw new DataTreeError(file, `these records point at each other in a cycle and cannot be inserted: ${refs}`);
    }
    queue = deferred;
  }
  return created;
}

/**
 * Imports the files in order, each in its own transaction by `userId`. A failing file rolls back
 * whole and stops the import (files before it stay imported, as with sf). Returns the created
 * records in sf's result shape.
 */
export function importDataTree(store: OrgStore, files: TreeFileInput[], userId: string): ImportedRecord[] {
  const ids = new Map<string, string>();
  const seen = new Set<string>();
  const results: ImportedRecord[] = [];
  for (const file of files) {
    const pending = flatten(file, seen);
    if (pending.length === 0) continue;
    results.push(...store.transact(userId, (tx) => importFile(store, tx, file.name, pending, ids)));
  }
  return results;
}

/** An id standing for the importing user in an org that has no users yet. */
export const NO_USER_ID = '005000000000000AAA';

/**
 * Who imports: the named user, else the integration user, else the first active user, else (an
 * empty org) NO_USER_ID. The importing user becomes CreatedById and, unless a file says, OwnerId.
 */
export function importingUser(store: OrgStore, username?: string): string {
  const users = [...store.scan('User')].filter((u) => u.IsActive === true);
  if (username !== undefined) {
    const user = users.find((u) => u.Username === username);
    if (!user) throw new Error(`No active user ${username} in the org`);
    return user.Id;
  }
  return (users.find((u) => u.Username === 'integration@pulse.demo') ?? users[0])?.Id ?? NO_USER_ID;
}
