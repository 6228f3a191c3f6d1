// Opportunity products: a line item's prices (list price from its price book entry, subtotal and
// total after discount), and the roll-up that keeps the opportunity's Amount equal to their total.
import type { SObjectRecord } from '../schema.ts';
import type { OrgStore, Transaction } from '../store.ts';
import { WriteError } from '../values.ts';

type Values = Record<string, unknown>;

const cents = (n: number) => Math.round(n * 100) / 100;

/** TotalPrice of a line: quantity times sales price, less the discount (a percent), to the cent. */
export const lineTotal = (quantity: number, unitPrice: number, discount: number) =>
  cents(quantity * unitPrice * (1 - discount / 100));

/** The live line items of one opportunity: their TotalPrice summed, and how many there are. */
export function lineItemTotals(store: OrgStore, opportunityId: string): { total: number; count: number } {
  let total = 0;
  let count = 0;
  for (const item of store.scan('OpportunityLineItem')) {
    if (item.OpportunityId !== opportunityId || item.IsDeleted === true) continue;
    total += (item.TotalPrice as number | null) ?? 0;
    count++;
  }
  return { total: cents(total), count };
}

function entryFor(store: OrgStore, after: SObjectRecord): SObjectRecord | undefined {
  if (typeof after.PricebookEntryId === 'string') return store.get('PricebookEntry', after.PricebookEntryId);
  if (typeof after.Product2Id !== 'string') return undefined;
  // Only a product given: its entry in the standard price book.
  for (const entry of store.scan('PricebookEntry')) {
    const book = store.get('Pricebook2', entry.Pricebook2Id as string);
    if (entry.Product2Id === after.Product2Id && book?.IsStandard === true) return entry;
  }
  return undefined;
}

export function deriveLineItem(store: OrgStore, before: SObjectRecord | undefined, after: SObjectRecord): Values {
  const out: Values = {};
  if (!before) {
    const entry = entryFor(store, after);
    if (!entry)
      throw new WriteError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [PricebookEntryId]', [
        'PricebookEntryId',
      ]);
    const product = store.get('Product2', entry.Product2Id as string);
    const opportunity = store.get('Opportunity', after.OpportunityId as string);
    if (!opportunity || opportunity.IsDeleted === true) {
      throw new WriteError('FIELD_INTEGRITY_EXCEPTION', 'field integrity exception: unknown (Opportunity)', [
        'OpportunityId',
      ]);
    }
    Object.assign(out, {
      PricebookEntryId: entry.Id,
      Product2Id: entry.Product2Id,
      ListPrice: entry.UnitPrice,
      Name: `${opportunity.Name} ${product?.Name ?? ''}`.trim(),
      ProductCode: product?.ProductCode ?? null,
      CurrencyIsoCode: opportunity.CurrencyIsoCode ?? null,
    });
    if (after.UnitPrice != null && after.TotalPrice != null) {
      throw new WriteError(
        'FIELD_INTEGRITY_EXCEPTION',
        'field integrity exception: TotalPrice (cannot specify both unit price and total price)',
        ['TotalPrice'],
      );
    }
    if (after.UnitPrice == null && after.TotalPrice == null)
      throw new WriteError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [UnitPrice]', ['UnitPrice']);
  }
  const quantity = after.Quantity as number;
  const discount = (after.Discount as number | null) ?? 0;
  const totalGiven =
    after.TotalPrice != null &&
    (!before
      ? after.UnitPrice == null
      : after.TotalPrice !== before.TotalPrice && after.UnitPrice === before.UnitPrice);
  // A written TotalPrice sets the sales price; otherwise the total follows price, quantity and discount.
  const unitPrice = totalGiven
    ? cents((after.TotalPrice as number) / quantity / (1 - discount / 100 || 1))
    : (after.UnitPrice as number);
  out.UnitPrice = unitPrice;
  out.Subtotal = cents(quantity * unitPrice);
  out.TotalPrice = totalGiven ? after.TotalPrice : lineTotal(quantity, unitPrice, discount);
  return out;
}

/** After a line item's save or delete: the opportunity's Amount and HasOpportunityLineItem follow. */
export function rollUpLineItems(store: OrgStore, tx: Transaction, opportunityId: unknown): void {
  if (typeof opportunityId !== 'string') return;
  const opportunity = store.get('Opportunity', opportunityId);
  if (!opportunity || opportunity.IsDeleted === true) return;
  const { total, count } = lineItemTotals(store, opportunityId);
  const values: Values = {};
  if (opportunity.HasOpportunityLineItem !== count > 0) values.HasOpportunityLineItem = count > 0;
  if (opportunity.Amount !== total) values.Amount = total;
  if (count > 0 && opportunity.Pricebook2Id == null) values.Pricebook2Id = standardPricebookId(store);
  if (Object.keys(values).length > 0) tx.update('Opportunity', opportunityId, values, { platform: true });
}

function standardPricebookId(store: OrgStore): string | null {
  for (const book of store.scan('Pricebook2')) if (book.IsStandard === true) return book.Id;
  return null;
}
