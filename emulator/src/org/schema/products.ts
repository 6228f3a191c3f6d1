// What is sold: products, the standard price book and its entries, and an opportunity's products.
import { CURRENCIES, field, picklist, reference, systemFields, type SObjectDescribe } from './fields.ts';

export const PRODUCT_FAMILIES = ['Platform', 'Add-on', 'Services', 'Support'];

export const PRODUCT_OBJECTS: SObjectDescribe[] = [
  {
    name: 'Product2',
    label: 'Product',
    labelPlural: 'Products',
    keyPrefix: '01t',
    fields: [
      ...systemFields(),
      field('Name', 'string', { nillable: false }),
      field('ProductCode', 'string'),
      field('Description', 'textarea'),
      picklist('Family', PRODUCT_FAMILIES),
      field('IsActive', 'boolean'),
      field('QuantityUnitOfMeasure', 'picklist'),
      picklist('CurrencyIsoCode', CURRENCIES),
    ],
  },
  {
    name: 'Pricebook2',
    label: 'Price Book',
    labelPlural: 'Price Books',
    keyPrefix: '01s',
    fields: [
      ...systemFields(),
      field('Name', 'string', { nillable: false }),
      field('Description', 'string'),
      field('IsActive', 'boolean'),
      field('IsStandard', 'boolean', { readOnly: true }),
    ],
  },
  {
    name: 'PricebookEntry',
    label: 'Price Book Entry',
    labelPlural: 'Price Book Entries',
    keyPrefix: '01u',
    fields: [
      ...systemFields(),
      field('Name', 'string', { readOnly: true }),
      reference('Pricebook2Id', 'Pricebook2', 'Pricebook2', { nillable: false }),
      reference('Product2Id', 'Product2', 'Product2', { nillable: false }),
      field('ProductCode', 'string', { readOnly: true }),
      field('UnitPrice', 'currency', { nillable: false }),
      field('IsActive', 'boolean'),
      field('UseStandardPrice', 'boolean'),
      picklist('CurrencyIsoCode', CURRENCIES),
    ],
  },
  {
    name: 'OpportunityLineItem',
    label: 'Opportunity Product',
    labelPlural: 'Opportunity Product',
    keyPrefix: '00k',
    fields: [
      ...systemFields(),
      reference('OpportunityId', 'Opportunity', 'Opportunity', { nillable: false }),
      reference('PricebookEntryId', 'PricebookEntry', 'PricebookEntry'),
      reference('Product2Id', 'Product2', 'Product2'),
      field('Name', 'string', { readOnly: true }),
      field('ProductCode', 'string', { readOnly: true }),
      field('Quantity', 'double', { nillable: false }),
      // A write gives UnitPrice or TotalPrice, never both; the platform computes the other.
      field('UnitPrice', 'currency'),
      field('ListPrice', 'currency', { readOnly: true }),
      field('Discount', 'percent'),
      field('Subtotal', 'currency', { readOnly: true }),
      field('TotalPrice', 'currency'),
      field('ServiceDate', 'date'),
      field('Description', 'string'),
      field('SortOrder', 'int'),
      picklist('CurrencyIsoCode', CURRENCIES, { readOnly: true }),
    ],
  },
];
