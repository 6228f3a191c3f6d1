// Which fields to ask the org for: the configured ones it actually has (a query naming a field the
// org lacks fails as a whole), spelled as its describe spells them, with how to keep extra fields.
import type { Connection } from 'jsforce';
import type { EffectiveObject } from '../../mirror/mirror-config';
import { soqlFields } from '../../mirror/mirror-writer';

/** How an extra field's CSV text becomes a JSON value in `extra` (as REST and change events give it). */
export type ExtraKind = 'boolean' | 'number' | 'text';

export interface FieldSelection {
  /** The object with its field names spelled as the org's describe spells them. */
  object: EffectiveObject;
  /** Id first, the typed and extra fields the org has, SystemModstamp (and IsDeleted). */
  fields: string[];
  /** Configured fields the org does not have: their columns stay empty. */
  missing: string[];
  extraKinds: Map<string, ExtraKind>;
}

const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent', 'long']);

export async function selectFields(conn: Connection, object: EffectiveObject): Promise<FieldSelection> {
  const describe = await conn.sobject(object.sobject).describe();
  // Salesforce field names are case-insensitive; configuration may not match the describe's case.
  const byLower = new Map(describe.fields.map((f) => [f.name.toLowerCase(), f]));
  const canonical = (name: string) => byLower.get(name.toLowerCase())?.name ?? name;
  const configured = soqlFields(object);
  const spelled: EffectiveObject = {
    ...object,
    fields: object.fields.map((f) => ({ ...f, field: canonical(f.field) })),
    extraFields: object.extraFields.map(canonical),
  };
  const fields = soqlFields(spelled, new Set(describe.fields.map((f) => f.name)));
  const chosen = new Set(fields.map((f) => f.toLowerCase()));
  const missing = configured.filter((f) => !chosen.has(f.toLowerCase()));
  const extraKinds = new Map<string, ExtraKind>();
  for (const name of object.extraFields) {
    const f = byLower.get(name.toLowerCase());
    if (!f) continue;
    extraKinds.set(f.name, f.type === 'boolean' ? 'boolean' : NUMBER_TYPES.has(f.type) ? 'number' : 'text');
  }
  return { object: spelled, fields, missing, extraKinds };
}
