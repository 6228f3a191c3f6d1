// Which Salesforce objects Pulse mirrors and, for each, the fields dashboards need, in typed
// columns. Tables, entities, SOQL field lists, CSV staging and change-event mapping all derive from
// this one list; `PULSE_SYNC_CONFIG` can add fields (kept in `extra`) or poll instead of stream.

/** Salesforce field types, reduced to how PostgreSQL stores them. */
export type ColumnType = 'id' | 'text' | 'numeric' | 'integer' | 'boolean' | 'date' | 'timestamptz';

export interface MirroredField {
  /** Salesforce's API name (StageName). */
  field: string;
  /** Our column (stage_name). */
  column: string;
  type: ColumnType;
}

export interface MirroredObject {
  sobject: string;
  table: string;
  fields: MirroredField[];
  /** Objects without IsDeleted (User, UserRole...) are never soft-deleted in Salesforce. */
  hasIsDeleted: boolean;
  /** Objects whose rows this one references: loaded first, so the mirror is never half-joined. */
  parents: string[];
  /** Whether Salesforce can publish Change Data Capture events for it; otherwise it is polled. */
  changeEvents: boolean;
  /** Compound fields as change events nest them: Name.FirstName is the field FirstName. */
  compound?: Record<string, Record<string, string>>;
}

const snake = (field: string): string =>
  field
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();

/** `'StageName:text'` -> { field: 'StageName', column: 'stage_name', type: 'text' } */
const fields = (...specs: string[]): MirroredField[] =>
  specs.map((spec) => {
    const [field, type] = spec.split(':') as [string, ColumnType];
    return { field, column: snake(field), type };
  });

const AUDIT = ['CreatedDate:timestamptz', 'CreatedById:id', 'LastModifiedDate:timestamptz'];
const ADDRESS = (prefix: string) => ({
  Street: `${prefix}Street`,
  City: `${prefix}City`,
  State: `${prefix}State`,
  PostalCode: `${prefix}PostalCode`,
  Country: `${prefix}Country`,
});

export const MIRRORED_OBJECTS: MirroredObject[] = [
  {
    sobject: 'UserRole',
    table: 'user_role',
    fields: fields('Name:text', 'DeveloperName:text', 'ParentRoleId:id'),
    hasIsDeleted: false,
    parents: [],
    changeEvents: false,
  },
  {
    sobject: 'User',
    table: 'sf_user',
    fields: fields(
      ...AUDIT,
      'Username:text',
      'FirstName:text',
      'LastName:text',
      'Name:text',
      'Email:text',
      'Title:text',
      'IsActive:boolean',
      'UserRoleId:id',
      'ManagerId:id',
    ),
    hasIsDeleted: false,
    parents: ['UserRole'],
    changeEvents: true,
    compound: { Name: { FirstName: 'FirstName', LastName: 'LastName' } },
  },
  {
    sobject: 'OpportunityStage',
    table: 'opportunity_stage',
    fields: fields(
      'ApiName:text',
      'MasterLabel:text',
      'SortOrder:integer',
      'IsActive:boolean',
      'IsClosed:boolean',
      'IsWon:boolean',
      'DefaultProbability:numeric',
      'ForecastCategoryName:text',
    ),
    hasIsDeleted: false,
    parents: [],
    changeEvents: false,
  },
  {
    sobject: 'Account',
    table: 'account',
    fields: fields(
      ...AUDIT,
      'Name:text',
      'Type:text',
      'Industry:text',
      'AnnualRevenue:numeric',
      'NumberOfEmployees:integer',
      'BillingCity:text',
      'BillingState:text',
      'BillingCountry:text',
      'OwnerId:id',
    ),
    hasIsDeleted: true,
    parents: ['User'],
    changeEvents: true,
    compound: { BillingAddress: ADDRESS('Billing') },
  },
  {
    sobject: 'Contact',
    table: 'contact',
    fields: fields(
      ...AUDIT,
      'AccountId:id',
      'FirstName:text',
      'LastName:text',
      'Email:text',
      'Title:text',
      'MailingCity:text',
      'MailingCountry:text',
      'OwnerId:id',
    ),
    hasIsDeleted: true,
    parents: ['Account', 'User'],
    changeEvents: true,
    compound: {
      Name: { Salutation: 'Salutation', FirstName: 'FirstName', LastName: 'LastName' },
      MailingAddress: ADDRESS('Mailing'),
    },
  },
  {
    sobject: 'Product2',
    table: 'product',
    fields: fields(...AUDIT, 'Name:text', 'ProductCode:text', 'Family:text', 'IsActive:boolean'),
    hasIsDeleted: true,
    parents: [],
    changeEvents: true,
  },
  {
    sobject: 'Opportunity',
    table: 'opportunity',
    fields: fields(
      ...AUDIT,
      'Name:text',
      'AccountId:id',
      'OwnerId:id',
      'StageName:text',
      'Amount:numeric',
      'Probability:numeric',
      'ExpectedRevenue:numeric',
      'CloseDate:date',
      'ForecastCategoryName:text',
      'IsClosed:boolean',
      'IsWon:boolean',
      'Type:text',
      'LeadSource:text',
      'CurrencyIsoCode:text',
      'HasOpportunityLineItem:boolean',
      'LastActivityDate:date',
      'LastStageChangeDate:timestamptz',
    ),
    hasIsDeleted: true,
    parents: ['Account', 'User'],
    changeEvents: true,
  },
  {
    sobject: 'OpportunityHistory',
    table: 'opportunity_history',
    fields: fields(
      'CreatedDate:timestamptz',
      'CreatedById:id',
      'OpportunityId:id',
      'StageName:text',
      'Amount:numeric',
      'ExpectedRevenue:numeric',
      'CloseDate:date',
      'Probability:numeric',
      'ForecastCategory:text',
    ),
    hasIsDeleted: true,
    parents: ['Opportunity'],
    changeEvents: false,
  },
  {
    sobject: 'OpportunityLineItem',
    table: 'opportunity_line_item',
    fields: fields(
      ...AUDIT,
      'OpportunityId:id',
      'Product2Id:id',
      'PricebookEntryId:id',
      'Quantity:numeric',
      'UnitPrice:numeric',
      'TotalPrice:numeric',
    ),
    hasIsDeleted: true,
    parents: ['Opportunity', 'Product2'],
    changeEvents: true,
  },
  {
    sobject: 'Task',
    table: 'task',
    fields: fields(
      ...AUDIT,
      'WhatId:id',
      'WhoId:id',
      'AccountId:id',
      'OwnerId:id',
      'Subject:text',
      'Status:text',
      'Priority:text',
      'IsClosed:boolean',
      'ActivityDate:date',
      'TaskSubtype:text',
      'Type:text',
      'CompletedDateTime:timestamptz',
    ),
    hasIsDeleted: true,
    parents: ['Opportunity', 'Account', 'Contact', 'User'],
    changeEvents: true,
  },
  {
    sobject: 'Event',
    table: 'event',
    fields: fields(
      ...AUDIT,
      'WhatId:id',
      'WhoId:id',
      'AccountId:id',
      'OwnerId:id',
      'Subject:text',
      'Type:text',
      'ActivityDate:date',
      'StartDateTime:timestamptz',
      'EndDateTime:timestamptz',
      'DurationInMinutes:integer',
    ),
    hasIsDeleted: true,
    parents: ['Opportunity', 'Account', 'Contact', 'User'],
    changeEvents: true,
  },
  {
    sobject: 'ForecastingQuota',
    table: 'forecasting_quota',
    fields: fields(
      ...AUDIT,
      'QuotaOwnerId:id',
      'StartDate:date',
      'QuotaAmount:numeric',
      'QuotaQuantity:numeric',
      'ForecastingTypeId:id',
      'PeriodId:id',
    ),
    hasIsDeleted: true,
    parents: ['User'],
    changeEvents: false,
  },
];

const bySobject = new Map(MIRRORED_OBJECTS.map((o) => [o.sobject, o]));

export function mirroredObject(sobject: string): MirroredObject | undefined {
  return bySobject.get(sobject);
}

/** Parents before children: the order a full load must follow. */
export function loadOrder(objects: readonly MirroredObject[] = MIRRORED_OBJECTS): MirroredObject[] {
  const chosen = new Map(objects.map((o) => [o.sobject, o]));
  const ordered: MirroredObject[] = [];
  const visit = (o: MirroredObject, path: string[]) => {
    if (ordered.includes(o)) return;
    if (path.includes(o.sobject)) throw new Error(`parent cycle: ${[...path, o.sobject].join(' -> ')}`);
    for (const parent of o.parents) {
      const p = chosen.get(parent);
      if (p) visit(p, [...path, o.sobject]);
    }
    ordered.push(o);
  };
  for (const o of objects) visit(o, []);
  return ordered;
}
