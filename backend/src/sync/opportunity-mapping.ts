// Salesforce's Opportunity fields (as REST and CDC name them) and the mirror columns they fill.
import type { Opportunity } from './entities/opportunity.entity';

type Column = keyof Opportunity;
type Convert = (value: unknown) => unknown;

const text: Convert = (v) => (v == null ? null : String(v));
const number: Convert = (v) => (v == null ? null : Number(v));
const bool: Convert = (v) => (v == null ? null : v === true || v === 'true');
const date: Convert = (v) => (v == null ? null : String(v).slice(0, 10));
const timestamp: Convert = (v) => (v == null ? null : new Date(v as string | number));

const FIELDS: Record<string, [Column, Convert]> = {
  Name: ['name', text],
  AccountId: ['accountId', text],
  OwnerId: ['ownerId', text],
  StageName: ['stageName', text],
  Amount: ['amount', number],
  Probability: ['probability', number],
  CloseDate: ['closeDate', date],
  ForecastCategoryName: ['forecastCategory', text],
  IsClosed: ['isClosed', bool],
  IsWon: ['isWon', bool],
  Type: ['type', text],
  LeadSource: ['leadSource', text],
  CurrencyIsoCode: ['currencyIsoCode', text],
  CreatedDate: ['createdDate', timestamp],
  LastModifiedDate: ['lastModifiedDate', timestamp],
  SystemModstamp: ['systemModstamp', timestamp],
  IsDeleted: ['isDeleted', bool],
};

/** The fields to ask for, limited to those the org has (CurrencyIsoCode exists only in multi-currency orgs). */
export function opportunityFieldsIn(available: Set<string>): string[] {
  return ['Id', ...Object.keys(FIELDS).filter((f) => available.has(f))];
}

/** Maps the Salesforce fields present in `values` (a queried record or a CDC payload) to columns. */
export function opportunityColumns(values: Record<string, unknown>): Partial<Opportunity> {
  const row: Partial<Record<Column, unknown>> = {};
  for (const [field, value] of Object.entries(values)) {
    const mapping = FIELDS[field];
    if (mapping) row[mapping[0]] = mapping[1](value);
  }
  return row as Partial<Opportunity>;
}

/** CDC lists nulled fields by name; each becomes a null column. */
export function nulledColumns(fieldNames: readonly string[]): Partial<Opportunity> {
  return opportunityColumns(Object.fromEntries(fieldNames.map((f) => [f, null])));
}
