import { createHash } from 'node:crypto';
import { PRODUCT_DEFAULT_LAYOUT } from '../layout/product-default';

// A stored layout's ETag is its write counter, so a conditional write is one compare in SQL.
export const userEtag = (version: number) => `"user.${version}"`;
export const teamEtag = (roleId: string, version: number) => `"team.${roleId}.${version}"`;
/** Changes whenever a release changes the product default. */
export const PRODUCT_ETAG = `"product.${createHash('sha256').update(JSON.stringify(PRODUCT_DEFAULT_LAYOUT)).digest('hex').slice(0, 12)}"`;

/**
 * Whether an If-Match header holds for the resource's current ETag (null: nothing stored).
 * Strong comparison, as RFC 9110 requires for If-Match; `*` holds for anything stored.
 */
export function ifMatchHolds(header: string, current: string | null): boolean {
  if (current === null) return false;
  return header.trim() === '*' || tags(header).includes(current);
}

/** Whether an If-None-Match header names the current ETag (weak comparison, as for GET). */
export function ifNoneMatchNames(header: string, current: string | null): boolean {
  if (current === null) return false;
  return header.trim() === '*' || tags(header).some((tag) => tag.replace(/^W\//, '') === current);
}

const tags = (header: string) => header.split(',').map((tag) => tag.trim());
