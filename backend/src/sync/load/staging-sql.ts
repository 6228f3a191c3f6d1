// SQL of one loaded page: a temporary staging table of text columns in the page's column order (so
// COPY takes the CSV as it comes), and one set-based upsert from it into the mirror table.
import type { EffectiveObject } from '../../mirror/mirror-config';
import type { ColumnType } from '../../mirror/mirrored-objects';
import type { ExtraKind } from './field-selection';

export const STAGE_TABLE = 'pulse_load_stage';

/** Salesforce field names (and relationship paths) only: anything else never reaches SQL. */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

const quote = (name: string): string => {
  if (!FIELD_NAME.test(name)) throw new Error(`Unexpected column "${name}" in Bulk API results`);
  return `"${name}"`;
};

/** The header row of a Bulk API CSV page: `"Id","Name"` -> ['Id', 'Name']. */
export function parseHeader(line: string): string[] {
  return line
    .replace(/\r$/, '')
    .split(',')
    .map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
}

/** Dropped at commit, so a failed page leaves nothing behind and the next page starts clean. */
export function stagingTableSql(header: string[]): string {
  return `CREATE TEMP TABLE ${STAGE_TABLE} (${header.map((c) => `${quote(c)} text`).join(', ')}) ON COMMIT DROP`;
}

export function copySql(header: string[]): string {
  return `COPY ${STAGE_TABLE} (${header.map(quote).join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER true)`;
}

/** Salesforce writes every value quoted, so an empty value is '' (Salesforce's null), never NULL. */
const CAST: Record<ColumnType, (text: string) => string> = {
  id: (t) => `NULLIF(${t}, '')`,
  text: (t) => `NULLIF(${t}, '')`,
  numeric: (t) => `NULLIF(${t}, '')::numeric`,
  // Through numeric: '12.0' is how some APIs print an integer.
  integer: (t) => `NULLIF(${t}, '')::numeric::integer`,
  boolean: (t) => `NULLIF(${t}, '')::boolean`,
  date: (t) => `NULLIF(${t}, '')::date`,
  timestamptz: (t) => `NULLIF(${t}, '')::timestamptz`,
};

const NULL_OF: Record<ColumnType, string> = {
  id: 'NULL::varchar',
  text: 'NULL::text',
  numeric: 'NULL::numeric',
  integer: 'NULL::integer',
  boolean: 'NULL::boolean',
  date: 'NULL::date',
  timestamptz: 'NULL::timestamptz',
};

const EXTRA_CAST: Record<ExtraKind, (text: string) => string> = {
  boolean: CAST.boolean,
  number: CAST.numeric,
  text: CAST.text,
};

/** jsonb_build_object takes at most 100 arguments: build it in pieces and concatenate. */
function extraSql(pairs: [string, string][]): string {
  if (pairs.length === 0) return `'{}'::jsonb`;
  const pieces: string[] = [];
  for (let i = 0; i < pairs.length; i += 40) {
    // quote() only checks the name here: it is a JSON key, a string literal.
    const args = pairs.slice(i, i + 40).flatMap(([name, value]) => [`'${quote(name).slice(1, -1)}'`, value]);
    pieces.push(`jsonb_build_object(${args.join(', ')})`);
  }
  return pieces.join(' || ');
}

/**
 * One statement from the staging table into the mirror. A row the mirror already holds newer (by
 * SystemModstamp, as upsertRecords guards it: streaming got there first) keeps its values; but
 * every row the page names has its last_synced_at renewed, so the sweep at the end of the load
 * only ever marks rows the org did not return. Returns the number of rows written.
 */
export function upsertFromStageSql(
  object: EffectiveObject,
  header: string[],
  extraKinds: ReadonlyMap<string, ExtraKind>,
): string {
  const inPage = new Map(header.map((c) => [c.toLowerCase(), `s.${quote(c)}`]));
  const column = (field: string) => inPage.get(field.toLowerCase());
  const id = column('Id');
  const modstamp = column('SystemModstamp');
  if (!id || !modstamp) throw new Error(`Bulk API results for ${object.sobject} lack Id or SystemModstamp`);
  const isDeleted = column('IsDeleted');

  const targets: string[] = ['salesforce_id'];
  const values: string[] = [id];
  for (const f of object.fields) {
    const text = column(f.field);
    targets.push(f.column);
    values.push(text ? CAST[f.type](text) : NULL_OF[f.type]);
  }
  const extras = object.extraFields.flatMap((field): [string, string][] => {
    const text = column(field);
    return text ? [[field, EXTRA_CAST[extraKinds.get(field) ?? 'text'](text)]] : [];
  });
  targets.push('extra', 'system_modstamp', 'is_deleted', 'last_synced_at');
  values.push(
    extraSql(extras),
    CAST.timestamptz(modstamp),
    isDeleted ? `COALESCE(${isDeleted} = 'true', false)` : 'false',
    'now()',
  );

  const t = object.table;
  const newer = `${t}.system_modstamp <= EXCLUDED.system_modstamp`;
  const updates = targets.slice(1, -1).map((c) => `${c} = CASE WHEN ${newer} THEN EXCLUDED.${c} ELSE ${t}.${c} END`);
  return `
    INSERT INTO ${t} (${targets.join(', ')})
    SELECT ${values.join(', ')} FROM ${STAGE_TABLE} s
    ON CONFLICT (salesforce_id) DO UPDATE SET ${updates.join(', ')}, last_synced_at = EXCLUDED.last_synced_at`;
}
