// Collaborative Forecasts: the forecast type, the org's fiscal periods, and each user's quota per period.
import { CURRENCIES, field, picklist, platformOnly, reference, systemFields, type SObjectDescribe } from './fields.ts';
import { PRODUCT_FAMILIES } from './products.ts';

export const FORECASTING_OBJECTS: SObjectDescribe[] = [
  {
    // Defined in Setup, read-only through the API.
    name: 'ForecastingType',
    label: 'Forecasting Type',
    labelPlural: 'Forecasting Types',
    keyPrefix: '0Db',
    createable: false,
    updateable: false,
    deletable: false,
    fields: platformOnly([
      field('Id', 'id'),
      field('DeveloperName', 'string', { nillable: false }),
      field('MasterLabel', 'string', { nillable: false }),
      field('IsActive', 'boolean'),
      field('IsAmount', 'boolean'),
      field('IsQuantity', 'boolean'),
      picklist('DateType', ['OpportunityCloseDate', 'ProductDate', 'ScheduleDate']),
      picklist('RoleType', ['R', 'T']),
      field('SystemModstamp', 'datetime', { nillable: false }),
    ]),
  },
  {
    // The fiscal calendar (standard fiscal year: calendar quarters), read-only through the API.
    name: 'Period',
    label: 'Period',
    labelPlural: 'Periods',
    keyPrefix: '026',
    createable: false,
    updateable: false,
    deletable: false,
    fields: platformOnly([
      field('Id', 'id'),
      picklist('Type', ['Month', 'Quarter', 'Week', 'Year'], { nillable: false }),
      field('StartDate', 'date', { nillable: false }),
      field('EndDate', 'date', { nillable: false }),
      field('Number', 'int'),
      field('IsForecastPeriod', 'boolean'),
      field('FullyQualifiedLabel', 'string'),
      field('SystemModstamp', 'datetime', { nillable: false }),
    ]),
  },
  {
    name: 'ForecastingQuota',
    label: 'Forecasting Quota',
    labelPlural: 'Forecasting Quotas',
    keyPrefix: '0J9',
    fields: [
      ...systemFields(),
      reference('QuotaOwnerId', 'User', 'QuotaOwner', { nillable: false }),
      field('StartDate', 'date', { nillable: false }),
      field('QuotaAmount', 'currency'),
      field('QuotaQuantity', 'double'),
      reference('ForecastingTypeId', 'ForecastingType', 'ForecastingType'),
      reference('PeriodId', 'Period', 'Period', { readOnly: true }),
      field('IsAmount', 'boolean', { readOnly: true }),
      field('IsQuantity', 'boolean', { readOnly: true }),
      picklist('ProductFamily', PRODUCT_FAMILIES),
      picklist('CurrencyIsoCode', CURRENCIES),
    ],
  },
];
