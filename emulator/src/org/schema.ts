// The emulated org's metadata: which sObjects exist and what their fields are, in Salesforce's
// own describe vocabulary. SOQL, REST describe and CDC all read this one description.

export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'picklist'
  | 'multipicklist'
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
  | 'url';

export interface FieldDescribe {
  name: string;
  type: FieldType;
  label: string;
  nillable: boolean;
  /** Set by the platform, never by a write (Id, CreatedDate, SystemModstamp...). */
  readOnly?: boolean;
  /** For references: the sObjects the id may point at, and the name used in SOQL paths. */
  referenceTo?: string[];
  relationshipName?: string;
  picklistValues?: string[];
}

export interface SObjectDescribe {
  name: string;
  label: string;
  labelPlural: string;
  /** The three-character id prefix (006 for Opportunity). */
  keyPrefix: string;
  fields: FieldDescribe[];
}

export type SObjectRecord = Record<string, unknown> & { Id: string };

const field = (name: string, type: FieldType, extra: Partial<FieldDescribe> = {}): FieldDescribe => ({
  name,
  type,
  label: name.replace(/([a-z])([A-Z])/g, '$1 $2'),
  nillable: type !== 'boolean' && type !== 'id',
  ...extra,
});

const reference = (name: string, to: string, relationshipName: string): FieldDescribe =>
  field(name, 'reference', { referenceTo: [to], relationshipName });

/** Fields every sObject carries. */
const systemFields = (): FieldDescribe[] => [
  field('Id', 'id', { readOnly: true }),
  field('IsDeleted', 'boolean', { readOnly: true }),
  field('CreatedDate', 'datetime', { readOnly: true, nillable: false }),
  reference('CreatedById', 'User', 'CreatedBy'),
  field('LastModifiedDate', 'datetime', { readOnly: true, nillable: false }),
  reference('LastModifiedById', 'User', 'LastModifiedBy'),
  field('SystemModstamp', 'datetime', { readOnly: true, nillable: false }),
];

export const OPPORTUNITY_STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Perception Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
];

export const FORECAST_CATEGORIES = ['Omitted', 'Pipeline', 'BestCase', 'Commit', 'Closed'];

export const INDUSTRIES = [
  'Agriculture',
  'Banking',
  'Biotechnology',
  'Communications',
  'Construction',
  'Education',
  'Energy',
  'Healthcare',
  'Insurance',
  'Manufacturing',
  'Media',
  'Retail',
  'Technology',
  'Transportation',
];

export const SOBJECTS: SObjectDescribe[] = [
  {
    name: 'UserRole',
    label: 'Role',
    labelPlural: 'Roles',
    keyPrefix: '00E',
    fields: [
      field('Id', 'id', { readOnly: true }),
      field('Name', 'string', { nillable: false }),
      field('DeveloperName', 'string'),
      reference('ParentRoleId', 'UserRole', 'ParentRole'),
      field('SystemModstamp', 'datetime', { readOnly: true, nillable: false }),
    ],
  },
  {
    name: 'User',
    label: 'User',
    labelPlural: 'Users',
    keyPrefix: '005',
    fields: [
      ...systemFields().filter((f) => f.name !== 'IsDeleted'),
      field('Username', 'string', { nillable: false }),
      field('FirstName', 'string'),
      field('LastName', 'string', { nillable: false }),
      field('Name', 'string', { readOnly: true }),
      field('Email', 'email', { nillable: false }),
      field('Title', 'string'),
      field('IsActive', 'boolean'),
      reference('UserRoleId', 'UserRole', 'UserRole'),
      reference('ManagerId', 'User', 'Manager'),
      field('TimeZoneSidKey', 'picklist'),
      field('LocaleSidKey', 'picklist'),
      field('DefaultCurrencyIsoCode', 'picklist'),
    ],
  },
  {
    name: 'Account',
    label: 'Account',
    labelPlural: 'Accounts',
    keyPrefix: '001',
    fields: [
      ...systemFields(),
      field('Name', 'string', { nillable: false }),
      field('Type', 'picklist', { picklistValues: ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner'] }),
      field('Industry', 'picklist', { picklistValues: INDUSTRIES }),
      field('AnnualRevenue', 'currency'),
      field('NumberOfEmployees', 'int'),
      field('BillingStreet', 'textarea'),
      field('BillingCity', 'string'),
      field('BillingState', 'string'),
      field('BillingPostalCode', 'string'),
      field('BillingCountry', 'string'),
      reference('OwnerId', 'User', 'Owner'),
    ],
  },
  {
    name: 'OpportunityStage',
    label: 'Opportunity Stage',
    labelPlural: 'Opportunity Stages',
    keyPrefix: '01J',
    fields: [
      field('Id', 'id', { readOnly: true }),
      field('MasterLabel', 'string', { nillable: false }),
      field('ApiName', 'string', { nillable: false }),
      field('SortOrder', 'int'),
      field('IsActive', 'boolean'),
      field('IsClosed', 'boolean'),
      field('IsWon', 'boolean'),
      field('DefaultProbability', 'percent'),
      field('ForecastCategoryName', 'picklist', { picklistValues: FORECAST_CATEGORIES }),
      field('SystemModstamp', 'datetime', { readOnly: true, nillable: false }),
    ],
  },
  {
    name: 'Opportunity',
    label: 'Opportunity',
    labelPlural: 'Opportunities',
    keyPrefix: '006',
    fields: [
      ...systemFields(),
      field('Name', 'string', { nillable: false }),
      reference('AccountId', 'Account', 'Account'),
      reference('OwnerId', 'User', 'Owner'),
      field('StageName', 'picklist', { nillable: false, picklistValues: OPPORTUNITY_STAGES }),
      field('Amount', 'currency'),
      field('Probability', 'percent'),
      field('ExpectedRevenue', 'currency', { readOnly: true }),
      field('CloseDate', 'date', { nillable: false }),
      field('Type', 'picklist', { picklistValues: ['New Business', 'Existing Business'] }),
      field('LeadSource', 'picklist', { picklistValues: ['Web', 'Phone Inquiry', 'Partner Referral', 'Other'] }),
      field('ForecastCategoryName', 'picklist', { picklistValues: FORECAST_CATEGORIES }),
      field('IsClosed', 'boolean', { readOnly: true }),
      field('IsWon', 'boolean', { readOnly: true }),
      field('CurrencyIsoCode', 'picklist', { picklistValues: ['USD', 'EUR', 'GBP'] }),
      field('LastActivityDate', 'date', { readOnly: true }),
      field('LastStageChangeDate', 'datetime', { readOnly: true }),
    ],
  },
];

const byName = new Map(SOBJECTS.map((s) => [s.name.toLowerCase(), s]));

/** Salesforce names are case-insensitive; this returns the canonical describe or undefined. */
export function describeSObject(name: string): SObjectDescribe | undefined {
  return byName.get(name.toLowerCase());
}

export function describeField(sobject: SObjectDescribe, name: string): FieldDescribe | undefined {
  const lower = name.toLowerCase();
  return sobject.fields.find((f) => f.name.toLowerCase() === lower);
}
