// A contact's compound fields: Name from its parts, and MailingAddress as the object REST returns.
import type { SObjectRecord } from '../schema.ts';

const MAILING = ['Street', 'City', 'State', 'PostalCode', 'Country'] as const;

export function mailingAddressOf(record: Record<string, unknown>): Record<string, unknown> | null {
  if (MAILING.every((part) => record[`Mailing${part}`] == null)) return null;
  return {
    city: record.MailingCity ?? null,
    country: record.MailingCountry ?? null,
    geocodeAccuracy: null,
    latitude: null,
    longitude: null,
    postalCode: record.MailingPostalCode ?? null,
    state: record.MailingState ?? null,
    street: record.MailingStreet ?? null,
  };
}

export function deriveContact(before: SObjectRecord | undefined, after: SObjectRecord): Record<string, unknown> {
  const unchanged = before && MAILING.every((part) => before[`Mailing${part}`] === after[`Mailing${part}`]);
  return {
    Name: [after.FirstName, after.LastName].filter(Boolean).join(' '),
    // Kept as the same object when no part changed, so an unrelated update reports no change.
    MailingAddress: unchanged ? before.MailingAddress : mailingAddressOf(after),
  };
}
