// Which parts of the schema a data tree carries: the fields a user can write (system, audit and
// computed fields are the target org's to set), lookups, and the child relationships that
// sObject tree files may nest (Account.Opportunities).
import { describeSObject, SOBJECTS, type FieldDescribe, type SObjectDescribe } from '../org/schema.ts';

/** Set by the platform on every insert, whatever the file says. */
const AUDIT = new Set([
  'Id',
  'IsDeleted',
  'CreatedById',
  'CreatedDate',
  'LastModifiedById',
  'LastModifiedDate',
  'SystemModstamp',
]);

/** Writable, but computed from another field a write must give instead (UnitPrice, not both). */
const COMPUTED: Record<string, string[]> = { OpportunityLineItem: ['TotalPrice'] };

export function writableFields(describe: SObjectDescribe): FieldDescribe[] {
  const computed = COMPUTED[describe.name] ?? [];
  return describe.fields.filter(
    (f) => !f.readOnly && !AUDIT.has(f.name) && f.type !== 'address' && !computed.includes(f.name),
  );
}

export function isCreateable(describe: SObjectDescribe): boolean {
  return describe.createable !== false;
}

/** The object whose key prefix starts the id (001... is an Account). */
export function sobjectOfId(id: string): SObjectDescribe | undefined {
  const prefix = id.slice(0, 3);
  return SOBJECTS.find((s) => s.keyPrefix === prefix);
}

export interface ChildRelationship {
  /** Account.Opportunities, Opportunity.OpportunityLineItems: the child object's plural API name. */
  relationshipName: string;
  child: SObjectDescribe;
  /** The child's lookup to the parent (Opportunity.AccountId). */
  field: string;
}

const plural = (name: string) => (/[^aeiou]y$/.test(name) ? `${name.slice(0, -1)}ies` : `${name}s`);

/**
 * The parent's child relationships, named as Salesforce names its standard ones. Audit and owner
 * lookups are left out (User.CreatedBy children are not nestable in a tree).
 */
export function childRelationships(parent: string): ChildRelationship[] {
  const name = describeSObject(parent)?.name;
  if (!name) return [];
  return SOBJECTS.flatMap((child) =>
    writableFields(child)
      .filter((f) => f.type === 'reference' && f.referenceTo?.includes(name) && f.name !== 'OwnerId')
      .slice(0, 1)
      .map((f) => ({ relationshipName: plural(child.name), child, field: f.name })),
  );
}
