// Who sells and to whom: roles, users, accounts and their contacts.
import { CURRENCIES, field, picklist, reference, systemFields, type SObjectDescribe } from './fields.ts';

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

export const ACCOUNT_TYPES = ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner'];

const mailing = (part: string, type: 'string' | 'textarea' = 'string') =>
  field(`Mailing${part}`, type, { compoundFieldName: 'MailingAddress' });

export const ACCOUNT_OBJECTS: SObjectDescribe[] = [
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
      field('FirstName', 'string', { compoundFieldName: 'Name' }),
      field('LastName', 'string', { nillable: false, compoundFieldName: 'Name' }),
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
      picklist('Type', ACCOUNT_TYPES),
      picklist('Industry', INDUSTRIES),
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
    name: 'Contact',
    label: 'Contact',
    labelPlural: 'Contacts',
    keyPrefix: '003',
    fields: [
      ...systemFields(),
      reference('AccountId', 'Account', 'Account'),
      picklist('Salutation', ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'], { compoundFieldName: 'Name' }),
      field('FirstName', 'string', { compoundFieldName: 'Name' }),
      field('LastName', 'string', { nillable: false, compoundFieldName: 'Name' }),
      // Compound fields: read-only, computed from their components (see platform/contact.ts).
      field('Name', 'string', { readOnly: true }),
      mailing('Street', 'textarea'),
      mailing('City'),
      mailing('State'),
      mailing('PostalCode'),
      mailing('Country'),
      field('MailingAddress', 'address', { readOnly: true }),
      field('Title', 'string'),
      field('Department', 'string'),
      field('Description', 'textarea'),
      field('Email', 'email'),
      field('Phone', 'phone'),
      picklist('LeadSource', ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']),
      reference('OwnerId', 'User', 'Owner'),
      picklist('CurrencyIsoCode', CURRENCIES),
    ],
  },
];
