// What the platform keeps on tasks and events: defaults, IsClosed and CompletedDateTime from the
// status, an event's start, end and duration from whichever the write gave, and the account the
// activity belongs to.
import { CLOSED_TASK_STATUSES, type SObjectRecord } from '../schema.ts';
import type { OrgStore } from '../store.ts';
import { formatDate, formatDateTime, WriteError } from '../values.ts';

type Values = Record<string, unknown>;

/** WhatId's account (an account, or an opportunity's), else WhoId's contact's. */
export function accountOfActivity(store: OrgStore, whatId: unknown, whoId: unknown): string | null {
  const what = typeof whatId === 'string' ? store.byId(whatId) : undefined;
  if (what) {
    if (what.Id.startsWith('001')) return what.Id;
    if (typeof what.AccountId === 'string') return what.AccountId;
  }
  const who = typeof whoId === 'string' ? store.byId(whoId) : undefined;
  return typeof who?.AccountId === 'string' ? who.AccountId : null;
}

export function deriveTask(
  store: OrgStore,
  before: SObjectRecord | undefined,
  after: SObjectRecord,
  now: string,
): Values {
  const status = after.Status ?? 'Not Started';
  const closed = CLOSED_TASK_STATUSES.has(status as string);
  const out: Values = {
    Status: status,
    Priority: after.Priority ?? 'Normal',
    IsClosed: closed,
    IsHighPriority: (after.Priority ?? 'Normal') === 'High',
    AccountId: accountOfActivity(store, after.WhatId, after.WhoId),
    CompletedDateTime: !closed ? null : before?.IsClosed === true ? before.CompletedDateTime : now,
  };
  if (!before) out.TaskSubtype = after.TaskSubtype ?? 'Task';
  return out;
}

const changed = (before: SObjectRecord | undefined, after: SObjectRecord, name: string) =>
  before ? after[name] !== before[name] : after[name] != null;

export function deriveEvent(store: OrgStore, before: SObjectRecord | undefined, after: SObjectRecord): Values {
  const start = (changed(before, after, 'ActivityDateTime') ? after.ActivityDateTime : after.StartDateTime) as
    string | null;
  if (start == null)
    throw new WriteError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [ActivityDateTime]', [
      'ActivityDateTime',
    ]);
  const startMs = Date.parse(start);
  let duration = after.DurationInMinutes as number | null;
  if (changed(before, after, 'EndDateTime') && !changed(before, after, 'DurationInMinutes')) {
    duration = Math.round((Date.parse(after.EndDateTime as string) - startMs) / 60_000);
  }
  if (duration == null)
    throw new WriteError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [DurationInMinutes]', [
      'DurationInMinutes',
    ]);
  const out: Values = {
    ActivityDateTime: start,
    StartDateTime: start,
    EndDateTime: formatDateTime(startMs + duration * 60_000),
    DurationInMinutes: duration,
    ActivityDate: formatDate(startMs),
    AccountId: accountOfActivity(store, after.WhatId, after.WhoId),
  };
  if (!before) Object.assign(out, { ShowAs: after.ShowAs ?? 'Busy', EventSubtype: after.EventSubtype ?? 'Event' });
  return out;
}
