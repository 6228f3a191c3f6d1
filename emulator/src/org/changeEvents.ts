// Turns a committed transaction into the Change Data Capture payloads Salesforce would publish:
// one event per change, identical changes of one transaction merged into one multi-record event,
// compound fields (Name, BillingAddress) nested, nulled fields listed rather than sent.
import type { ChangeEventPayload } from '../streaming/index.ts';
import type { CommittedTransaction, RecordChange } from './store.ts';

/** Compound fields: the nested name in events, and which flat field each component is. */
const COMPOUND: Record<string, Record<string, Record<string, string>>> = {
  User: { Name: { FirstName: 'FirstName', LastName: 'LastName' } },
  Contact: {
    Name: { Salutation: 'Salutation', FirstName: 'FirstName', LastName: 'LastName' },
    MailingAddress: {
      Street: 'MailingStreet',
      City: 'MailingCity',
      State: 'MailingState',
      PostalCode: 'MailingPostalCode',
      Country: 'MailingCountry',
    },
  },
  Account: {
    BillingAddress: {
      Street: 'BillingStreet',
      City: 'BillingCity',
      State: 'BillingState',
      PostalCode: 'BillingPostalCode',
      Country: 'BillingCountry',
    },
  },
};

/** Objects the org holds that Change Data Capture does not support. */
const NOT_CDC_ENABLED = new Set([
  'OpportunityStage',
  'OpportunityHistory',
  'ForecastingType',
  'Period',
  'ForecastingQuota',
  'CustomNotificationType',
]);

function nest(sobject: string, fields: Record<string, unknown>): { body: Record<string, unknown>; names: string[] } {
  const body: Record<string, unknown> = { ...fields };
  const names = Object.keys(fields);
  for (const [compound, parts] of Object.entries(COMPOUND[sobject] ?? {})) {
    const nested: Record<string, unknown> = {};
    for (const [part, flat] of Object.entries(parts)) {
      if (flat in body) {
        nested[part] = body[flat];
        delete body[flat];
        names[names.indexOf(flat)] = `${compound}.${part}`;
      }
    }
    // The stored compound value (User.Name, Contact.MailingAddress) is derived: events carry the parts.
    if (Object.keys(nested).length > 0) body[compound] = nested;
    else delete body[compound];
  }
  return { body, names: names.filter((n) => !(n in (COMPOUND[sobject] ?? {}))) };
}

function payloadOf(change: RecordChange): {
  fields: Record<string, unknown>;
  changedFields: string[];
  nulledFields: string[];
} {
  const present = Object.fromEntries(Object.entries(change.fields).filter(([, v]) => v !== null));
  const nulled = Object.keys(change.fields).filter((k) => change.fields[k] === null);
  const { body, names } = nest(change.sobject, present);
  const nulledNames = nest(change.sobject, Object.fromEntries(nulled.map((k) => [k, null]))).names;
  const changedFields = change.changeType === 'UPDATE' ? [...names, ...nulledNames] : [];
  return { fields: body, changedFields, nulledFields: change.changeType === 'UPDATE' ? nulledNames : [] };
}

export function changeEventsOf(tx: CommittedTransaction, apiVersion: string): ChangeEventPayload[] {
  const events: ChangeEventPayload[] = [];
  let previousKey = '';
  for (const change of tx.changes) {
    if (NOT_CDC_ENABLED.has(change.sobject)) continue;
    const { fields, changedFields, nulledFields } = payloadOf(change);
    const key = `${change.sobject}|${change.changeType}|${JSON.stringify(fields)}|${nulledFields.join()}`;
    const last = events.at(-1);
    if (last && key === previousKey) {
      last.ChangeEventHeader.recordIds.push(change.id);
      continue;
    }
    previousKey = key;
    events.push({
      ChangeEventHeader: {
        entityName: change.sobject,
        recordIds: [change.id],
        changeType: change.changeType,
        changeOrigin: `com/salesforce/api/rest/${apiVersion}`,
        transactionKey: tx.transactionKey,
        sequenceNumber: events.length + 1,
        commitTimestamp: tx.commitTimestamp,
        commitNumber: tx.commitNumber,
        commitUser: tx.commitUser,
        changedFields,
        nulledFields,
        diffFields: [],
      },
      ...fields,
    });
  }
  return events;
}

export function isChangeDataCaptureEntity(sobject: string): boolean {
  return !NOT_CDC_ENABLED.has(sobject);
}
