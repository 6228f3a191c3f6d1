// Salesforce's data tree format, as `sf data export tree --plan` writes it and `sf data import tree`
// reads it: a plan (`<Types>-plan.json`) listing, in insert order, one data file per sObject, and
// data files of sObject tree records `{ "records": [{ "attributes": { "type", "referenceId" }, ... }] }`
// whose lookups to records of the same export are written `@<referenceId>` instead of an id.

export interface TreeRecord {
  attributes: { type: string; referenceId: string };
  [field: string]: unknown;
}

export interface TreeFile {
  records: TreeRecord[];
}

export interface PlanEntry {
  sobject: string;
  /** Whether later files refer to these records. Current sf CLI versions ignore both flags. */
  saveRefs: boolean;
  /** Whether these records hold `@` references to resolve. */
  resolveRefs: boolean;
  /** Relative to the plan file. */
  files: string[];
}

/** AccountRef1, AccountRef2...: the names sf gives, counted per type from 1. */
export const referenceIdOf = (sobject: string, n: number): string => `${sobject}Ref${n}`;

/** Salesforce: starts with a letter or digit; letters, digits and underscores only. */
export const REFERENCE_ID = /^[A-Za-z0-9][A-Za-z0-9_]*$/;

/** `@AccountRef1` -> `AccountRef1`; undefined for anything else. */
export function referenceIn(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('@') && REFERENCE_ID.test(value.slice(1))
    ? value.slice(1)
    : undefined;
}

/** sf's names: `Account-Opportunity-plan.json` and `Account.json`, each with an optional prefix. */
export const planFileName = (sobjects: string[], prefix?: string): string =>
  prefixed(`${sobjects.join('-')}-plan.json`, prefix);
export const dataFileName = (sobject: string, prefix?: string): string => prefixed(`${sobject}.json`, prefix);
const prefixed = (name: string, prefix?: string) => (prefix ? `${prefix}-${name}` : name);

/** An import or export that cannot go on, naming the file (and record) at fault. */
export class DataTreeError extends Error {
  readonly file: string;
  readonly referenceId?: string;
  readonly errorCode?: string;

  constructor(file: string, message: string, record?: { referenceId?: string; type?: string; errorCode?: string }) {
    const where = record?.referenceId ? `record ${record.referenceId}${record.type ? ` (${record.type})` : ''}: ` : '';
    const code = record?.errorCode ? `${record.errorCode}: ` : '';
    super(`${file}: ${where}${code}${message}`);
    this.name = 'DataTreeError';
    this.file = file;
    this.referenceId = record?.referenceId;
    this.errorCode = record?.errorCode;
  }
}
