// The emulated org's metadata: which sObjects exist and what their fields are, in Salesforce's
// own describe vocabulary. SOQL, REST describe and CDC all read this one description; each area's
// objects are declared in schema/.
import { ACCOUNT_OBJECTS } from './schema/accounts.ts';
import { ACTIVITY_OBJECTS } from './schema/activities.ts';
import { FORECASTING_OBJECTS } from './schema/forecasting.ts';
import { NOTIFICATION_OBJECTS } from './schema/notifications.ts';
import { PRODUCT_OBJECTS } from './schema/products.ts';
import { SALES_OBJECTS } from './schema/sales.ts';
import type { FieldDescribe, SObjectDescribe } from './schema/fields.ts';

export type { FieldDescribe, FieldType, SObjectDescribe, SObjectRecord } from './schema/fields.ts';
export { INDUSTRIES, ACCOUNT_TYPES } from './schema/accounts.ts';
export { OPPORTUNITY_STAGES, FORECAST_CATEGORIES, FORECAST_CATEGORY_NAMES } from './schema/sales.ts';
export { PRODUCT_FAMILIES } from './schema/products.ts';
export { TASK_STATUSES, CLOSED_TASK_STATUSES } from './schema/activities.ts';

export const SOBJECTS: SObjectDescribe[] = [
  ...ACCOUNT_OBJECTS,
  ...SALES_OBJECTS,
  ...PRODUCT_OBJECTS,
  ...ACTIVITY_OBJECTS,
  ...FORECASTING_OBJECTS,
  ...NOTIFICATION_OBJECTS,
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
