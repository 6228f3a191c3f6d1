// The SOQL engine's contract with the rest of the emulator (re-exported from index.ts).

import type { SObjectRecord } from '../org/schema.ts';

export interface RecordSource {
  /** Every row of an sObject, rows in the recycle bin included (IsDeleted = true). */
  scan(sobject: string): Iterable<SObjectRecord>;
  /** One row of any sObject by its 15- or 18-character id, for parent relationships (Owner.Name). */
  byId(id: string): SObjectRecord | undefined;
}

export interface QueryOptions {
  /** queryAll: also return rows in the recycle bin. */
  includeDeleted: boolean;
  /** The REST API version for `attributes.url`, e.g. '66.0'. */
  apiVersion: string;
  /** "Now" for relative date literals (TODAY, THIS_QUARTER...); default new Date(). */
  now?: Date;
  /** First month (1..12) of the org's fiscal year, for *_FISCAL_* literals; default 1. */
  fiscalYearStartMonth?: number;
}

export interface QueryResult {
  sobject: string;
  totalSize: number;
  /** Records shaped like Salesforce's REST query JSON (`attributes` first, describe casing). */
  records: Record<string, unknown>[];
}
