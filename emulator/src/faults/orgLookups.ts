// What the fault control API names (users, records) resolved against the org, as 400s when unknown.
import { randomUUID } from 'node:crypto';
import type { OrgStore } from '../org/store.ts';
import { SOBJECTS } from '../org/schema.ts';
import { isChangeDataCaptureEntity } from '../org/changeEvents.ts';
import { isSalesforceId } from '../org/ids.ts';
import type { Commit } from './gapEvents.ts';
import { fail } from './input.ts';

export function userIdOf(store: OrgStore, username: string): string {
  for (const user of store.scan('User')) if (user.Username === username) return user.Id;
  return fail(`username must name a user of the org, got "${username}"`);
}

/** The sObject a record id belongs to, by its key prefix. */
export function sobjectOf(id: string): string {
  const describe = isSalesforceId(id) ? SOBJECTS.find((s) => s.keyPrefix === id.slice(0, 3)) : undefined;
  return describe?.name ?? fail(`"${id}" is not the id of a record type the org holds`);
}

export function cdcEntityOf(id: string): string {
  const entity = sobjectOf(id);
  if (!isChangeDataCaptureEntity(entity)) fail(`${entity} is not selected for Change Data Capture`);
  return entity;
}

/** The commit an injected event stands for, by `username` (default: the org's first active user). */
export function commitOf(store: OrgStore, username: string | undefined): Commit {
  let commitUser = username === undefined ? undefined : userIdOf(store, username);
  for (const user of store.scan('User')) if (!commitUser && user.IsActive === true) commitUser = user.Id;
  return {
    transactionKey: randomUUID().replaceAll('-', ''),
    commitNumber: store.nextCommitNumber(),
    commitTimestamp: store.clock(),
    commitUser: commitUser ?? '005000000000000AAA',
  };
}
