// The pipeline: stages, opportunities, and the stage history the platform keeps for each deal.
import { CURRENCIES, field, picklist, platformOnly, reference, systemFields, type SObjectDescribe } from './fields.ts';

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

/** ForecastCategoryName: the labels (Salesforce's standard five; Most Likely only where enabled). */
export const FORECAST_CATEGORY_NAMES = ['Pipeline', 'Best Case', 'Commit', 'Closed', 'Omitted'];

/** ForecastCategory: the API values behind those labels (Commit is `Forecast`). */
export const FORECAST_CATEGORIES = ['Pipeline', 'BestCase', 'MostLikely', 'Forecast', 'Closed', 'Omitted'];

const OPPORTUNITY_TYPES = ['New Business', 'Existing Business'];
const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Other'];

export const SALES_OBJECTS: SObjectDescribe[] = [
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
      picklist('ForecastCategory', FORECAST_CATEGORIES),
      picklist('ForecastCategoryName', FORECAST_CATEGORY_NAMES),
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
      picklist('StageName', OPPORTUNITY_STAGES, { nillable: false }),
      // With products, Amount is the sum of the line items and writes to it are ignored.
      field('Amount', 'currency'),
      field('Probability', 'percent'),
      field('ExpectedRevenue', 'currency', { readOnly: true }),
      field('CloseDate', 'date', { nillable: false }),
      picklist('Type', OPPORTUNITY_TYPES),
      picklist('LeadSource', LEAD_SOURCES),
      field('NextStep', 'string'),
      field('Description', 'textarea'),
      picklist('ForecastCategoryName', FORECAST_CATEGORY_NAMES),
      picklist('ForecastCategory', FORECAST_CATEGORIES, { readOnly: true }),
      field('IsClosed', 'boolean', { readOnly: true }),
      field('IsWon', 'boolean', { readOnly: true }),
      picklist('CurrencyIsoCode', CURRENCIES),
      reference('Pricebook2Id', 'Pricebook2', 'Pricebook2'),
      field('HasOpportunityLineItem', 'boolean', { readOnly: true }),
      field('FiscalYear', 'int', { readOnly: true }),
      field('FiscalQuarter', 'int', { readOnly: true }),
      field('Fiscal', 'string', { readOnly: true }),
      field('LastActivityDate', 'date', { readOnly: true }),
      field('LastStageChangeDate', 'datetime', { readOnly: true }),
    ],
  },
  {
    // Written by the platform on each change of stage, amount, close date, probability or
    // forecast category; no API can create, edit or delete a row.
    name: 'OpportunityHistory',
    label: 'Opportunity History',
    labelPlural: 'Opportunity History',
    keyPrefix: '008',
    createable: false,
    updateable: false,
    deletable: false,
    fields: platformOnly([
      field('Id', 'id'),
      field('IsDeleted', 'boolean'),
      reference('OpportunityId', 'Opportunity', 'Opportunity', { nillable: false }),
      picklist('StageName', OPPORTUNITY_STAGES, { nillable: false }),
      field('Amount', 'currency'),
      field('ExpectedRevenue', 'currency'),
      field('CloseDate', 'date'),
      field('Probability', 'percent'),
      picklist('ForecastCategory', FORECAST_CATEGORIES),
      field('PrevAmount', 'currency'),
      field('PrevCloseDate', 'date'),
      picklist('CurrencyIsoCode', CURRENCIES),
      field('CreatedDate', 'datetime', { nillable: false }),
      reference('CreatedById', 'User', 'CreatedBy'),
      field('SystemModstamp', 'datetime', { nillable: false }),
    ]),
  },
];
