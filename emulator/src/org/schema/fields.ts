// The describe vocabulary (field and object shapes) and the helpers every object file uses to
// declare its fields in Salesforce's own terms.

export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'picklist'
  | 'multipicklist'
  | 'combobox'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'reference'
  | 'email'
  | 'phone'
  | 'url'
  | 'address';

export interface FieldDescribe {
  name: string;
  type: FieldType;
  label: string;
  nillable: boolean;
  /** Set by the platform, never by a write (Id, CreatedDate, SystemModstamp...). */
  readOnly?: boolean;
  /** For references: the sObjects the id may point at (several for WhatId/WhoId), and the name used in SOQL paths. */
  referenceTo?: string[];
  relationshipName?: string;
  picklistValues?: string[];
  /** Required, but the platform fills it when a create leaves it out (Task.Status). */
  defaultedOnCreate?: boolean;
  /** Components of a compound field (FirstName of Name, MailingCity of MailingAddress) name it here. */
  compoundFieldName?: string;
}

export interface SObjectDescribe {
  name: string;
  label: string;
  labelPlural: string;
  /** The three-character id prefix (006 for Opportunity). */
  keyPrefix: string;
  fields: FieldDescribe[];
  /** False for objects only the platform writes (OpportunityHistory); absent means true. */
  createable?: boolean;
  updateable?: boolean;
  deletable?: boolean;
}

export type SObjectRecord = Record<string, unknown> & { Id: string };

export const field = (name: string, type: FieldType, extra: Partial<FieldDescribe> = {}): FieldDescribe => ({
  name,
  type,
  label: name.replace(/([a-z])([A-Z])/g, '$1 $2'),
  nillable: type !== 'boolean' && type !== 'id',
  ...extra,
});

export const reference = (
  name: string,
  to: string | string[],
  relationshipName: string,
  extra: Partial<FieldDescribe> = {},
): FieldDescribe =>
  field(name, 'reference', { referenceTo: Array.isArray(to) ? to : [to], relationshipName, ...extra });

export const picklist = (name: string, values: string[], extra: Partial<FieldDescribe> = {}): FieldDescribe =>
  field(name, 'picklist', { picklistValues: values, ...extra });

/** Fields every sObject carries. */
export const systemFields = (): FieldDescribe[] => [
  field('Id', 'id', { readOnly: true }),
  field('IsDeleted', 'boolean', { readOnly: true }),
  field('CreatedDate', 'datetime', { readOnly: true, nillable: false }),
  reference('CreatedById', 'User', 'CreatedBy'),
  field('LastModifiedDate', 'datetime', { readOnly: true, nillable: false }),
  reference('LastModifiedById', 'User', 'LastModifiedBy'),
  field('SystemModstamp', 'datetime', { readOnly: true, nillable: false }),
];

/** Marks every field read-only: objects whose rows only the platform writes. */
export const platformOnly = (fields: FieldDescribe[]): FieldDescribe[] => fields.map((f) => ({ ...f, readOnly: true }));

export const CURRENCIES = ['USD', 'EUR', 'GBP'];
