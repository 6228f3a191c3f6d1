// Reads one data file's records: checks their attributes (type, referenceId unique in the whole
// import) and turns nested child records (Account.Opportunities) into records of their own, listed
// after their parent, with the lookup to it written as `@<parent referenceId>`.
import { describeSObject, type SObjectDescribe } from '../org/schema.ts';
import { childRelationships } from './fields.ts';
import { DataTreeError, REFERENCE_ID, type TreeRecord } from './format.ts';

export interface TreeFileInput {
  /** Shown in errors (a path). */
  name: string;
  contents: unknown;
  /** With a plan: the sObject every root record of the file must be. */
  sobject?: string;
}

export interface Pending {
  record: TreeRecord;
  describe: SObjectDescribe;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks the file's shape and flattens nested children after their parents. */
export function flatten(file: TreeFileInput, seen: Set<string>): Pending[] {
  if (!isObject(file.contents) || !Array.isArray(file.contents.records))
    throw new DataTreeError(file.name, 'expected an object with a "records" array');
  const out: Pending[] = [];
  const visit = (value: unknown, parent?: { ref: string; field: string; type: string }, root = false) => {
    const attributes = isObject(value) ? value.attributes : undefined;
    if (!isObject(value) || !isObject(attributes) || typeof attributes.type !== 'string')
      throw new DataTreeError(file.name, 'each record needs "attributes": { "type", "referenceId" }');
    const ref = attributes.referenceId;
    if (typeof ref !== 'string' || !REFERENCE_ID.test(ref))
      throw new DataTreeError(
        file.name,
        `referenceId ${JSON.stringify(ref)} must start with a letter or digit and hold only letters, digits and underscores`,
        { type: attributes.type },
      );
    const describe = describeSObject(attributes.type);
    if (!describe)
      throw new DataTreeError(file.name, `sObject type '${attributes.type}' is not supported`, {
        referenceId: ref,
        errorCode: 'INVALID_TYPE',
      });
    if (root && file.sobject && describe.name !== describeSObject(file.sobject)?.name)
      throw new DataTreeError(
        file.name,
        `the plan lists this file under ${file.sobject}, the record is a ${describe.name}`,
        { referenceId: ref },
      );
    if (seen.has(ref))
      throw new DataTreeError(file.name, 'duplicate referenceId', {
        referenceId: ref,
        type: describe.name,
        errorCode: 'INVALID_INPUT',
      });
    seen.add(ref);
    const record: TreeRecord = { attributes: { type: describe.name, referenceId: ref } };
    const children: [string, unknown[]][] = [];
    for (const [key, field] of Object.entries(value)) {
      if (key === 'attributes') continue;
      if (isObject(field) && Array.isArray(field.records)) children.push([key, field.records]);
      else record[key] = field;
    }
    if (parent && record[parent.field] === undefined) record[parent.field] = `@${parent.ref}`;
    out.push({ record, describe });
    for (const [name, records] of children) {
      const relationship = childRelationships(describe.name).find(
        (r) => r.relationshipName.toLowerCase() === name.toLowerCase(),
      );
      if (!relationship)
        throw new DataTreeError(file.name, `No such relationship '${name}' on sobject of type ${describe.name}`, {
          referenceId: ref,
          type: describe.name,
          errorCode: 'INVALID_FIELD',
        });
      for (const child of records) visit(child, { ref, field: relationship.field, type: describe.name });
    }
  };
  for (const record of file.contents.records) visit(record, undefined, true);
  return out;
}
