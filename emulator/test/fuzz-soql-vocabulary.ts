// What the SOQL fuzzers may write about an org: every field path of every sObject (parent
// relationships one hop up included), values sampled from the org's rows, and literals rendered as
// SOQL text. Read from the describe, so new objects and fields are fuzzed without changes here.
import fc from 'fast-check';
import { describeSObject, SOBJECTS, type FieldDescribe, type SObjectDescribe } from '../src/org/schema.ts';
import type { OrgStore } from '../src/org/store.ts';

/** How SOQL treats a field's values, which decides the literals and operators it takes. */
export type Kind =
  | 'text'
  | 'picklist'
  | 'id'
  | 'number'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'multipicklist'
  /** Compound fields (MailingAddress): selectable, but neither filtered, sorted nor grouped. */
  | 'compound';

export function kindOf(field: FieldDescribe): Kind {
  switch (field.type) {
    case 'id':
    case 'reference':
      return 'id';
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return 'number';
    case 'boolean':
    case 'date':
    case 'datetime':
    case 'picklist':
    case 'multipicklist':
      return field.type;
    case 'address':
      return 'compound';
    default:
      return 'text';
  }
}

/** `Amount`, or `Owner.Name`: `hops` are the reference fields followed from the queried row. */
export interface FieldPath {
  path: string;
  field: FieldDescribe;
  hops: string[];
}

export function fieldPaths(sobject: SObjectDescribe): FieldPath[] {
  const paths: FieldPath[] = sobject.fields.map((field) => ({ path: field.name, field, hops: [] }));
  for (const reference of sobject.fields) {
    const target = reference.referenceTo && describeSObject(reference.referenceTo[0]);
    if (!target || !reference.relationshipName) continue;
    for (const field of target.fields) {
      paths.push({ path: `${reference.relationshipName}.${field.name}`, field, hops: [reference.name] });
    }
  }
  return paths;
}

/** The value a field path reads on a stored row (null when a parent is missing). */
export function valueAt(store: OrgStore, row: Record<string, unknown>, fp: FieldPath): unknown {
  let current: Record<string, unknown> | undefined = row;
  for (const hop of fp.hops) {
    const id: unknown = current[hop];
    current = typeof id === 'string' ? store.byId(id) : undefined;
    if (!current) return null;
  }
  return current[fp.field.name] ?? null;
}

export interface Vocabulary {
  store: OrgStore;
  /** sObjects that hold rows, so that filters can match something. */
  sobjects: SObjectDescribe[];
  /** One of `sobjects`, the bigger tables more often (they have more to get wrong). */
  sobjectName: fc.Arbitrary<string>;
  paths(sobject: string): FieldPath[];
  /** Up to 8 distinct non-null values of a path in the org. */
  samples(sobject: string, fp: FieldPath): unknown[];
}

export function vocabularyOf(store: OrgStore): Vocabulary {
  const cache = new Map<string, unknown[]>();
  const pathsBySObject = new Map(SOBJECTS.map((s) => [s.name, fieldPaths(s)]));
  const sobjects = SOBJECTS.filter((s) => store.count(s.name) > 0);
  const weighted = sobjects.map((s) => ({
    arbitrary: fc.constant(s.name),
    weight: Math.ceil(Math.log2(store.count(s.name) + 1)),
  }));
  return {
    store,
    sobjects,
    sobjectName: fc.oneof(...weighted),
    paths: (sobject) => pathsBySObject.get(sobject) ?? [],
    samples(sobject, fp) {
      const key = `${sobject}.${fp.path}`;
      let values = cache.get(key);
      if (!values) {
        const seen = new Set<unknown>();
        let scanned = 0;
        for (const row of store.scan(sobject)) {
          const value = valueAt(store, row, fp);
          // Huge texts (a fuzzer's writes) would make huge queries: leave them out.
          if (value !== null && String(value).length <= 200) seen.add(value);
          if (seen.size >= 8 || ++scanned > 500) break;
        }
        values = [...seen];
        cache.set(key, values);
      }
      return values;
    },
  };
}

// ---- literals as SOQL text ----

export const quote = (s: string): string => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const isoDate = (d: Date): string => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

const DAYS = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2040-12-31T23:59:59Z'),
  noInvalidDate: true,
});

/** Every relative date literal Salesforce documents; the `:n` ones take a count. */
const PLAIN_DATE_LITERALS = ['YESTERDAY', 'TODAY', 'TOMORROW', 'LAST_90_DAYS', 'NEXT_90_DAYS'];
const UNITS = ['WEEK', 'MONTH', 'QUARTER', 'YEAR', 'FISCAL_QUARTER', 'FISCAL_YEAR'];
for (const unit of UNITS) for (const mode of ['THIS', 'LAST', 'NEXT']) PLAIN_DATE_LITERALS.push(`${mode}_${unit}`);
const N_DATE_LITERALS = ['DAY', ...UNITS].flatMap((u) => [`LAST_N_${u}S`, `NEXT_N_${u}S`, `N_${u}S_AGO`]);

export const dateLiteral = (maxN = 400): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...PLAIN_DATE_LITERALS),
    fc.tuple(fc.constantFrom(...N_DATE_LITERALS), fc.nat({ max: maxN })).map(([name, n]) => `${name}:${n}`),
  );

const dateTimeText = (ms: number, offsetMinutes: number): string => {
  const local = new Date(ms + offsetMinutes * 60_000);
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = offsetMinutes === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${isoDate(local)}T${time}${zone}`;
};

const number = fc.oneof(
  fc.integer({ min: -1_000_000, max: 10_000_000 }).map(String),
  fc.tuple(fc.integer({ min: -100_000, max: 1_000_000 }), fc.nat({ max: 99 })).map(([i, f]) => `${i}.${pad(f)}`),
);

/** A literal of the field's own type: sampled from the org (so filters hit rows) or made up. */
export function literalFor(vocab: Vocabulary, sobject: string, fp: FieldPath): fc.Arbitrary<string> {
  const samples = vocab.samples(sobject, fp);
  // Mostly values the org holds, so that filters select some rows rather than none.
  const sampled = <T>(render: (value: T) => string, made: fc.Arbitrary<string>) =>
    samples.length
      ? fc.oneof(
          { arbitrary: fc.constantFrom(...(samples as T[])).map(render), weight: 3 },
          { arbitrary: made, weight: 1 },
        )
      : made;
  switch (kindOf(fp.field)) {
    case 'number':
      return sampled<number>(String, number);
    case 'boolean':
      return fc.constantFrom('TRUE', 'FALSE', 'true', 'false');
    case 'date':
      return fc.oneof(sampled<string>(String, DAYS.map(isoDate)), dateLiteral());
    case 'datetime': {
      const made = fc.tuple(DAYS, fc.integer({ min: -12, max: 14 })).map(([d, h]) => dateTimeText(d.getTime(), h * 60));
      return fc.oneof(
        sampled<string>((v) => dateTimeText(Date.parse(v), 0), made),
        dateLiteral(),
      );
    }
    case 'picklist':
      return sampled<string>(quote, fc.constantFrom(...(fp.field.picklistValues ?? ['x'])).map(quote));
    case 'id':
      return sampled<string>((id) => quote(id), fc.stringMatching(/^[a-zA-Z0-9]{15}$/).map(quote));
    case 'compound':
      return anyLiteral;
    default:
      return sampled<string>(quote, fc.string({ maxLength: 12 }).map(quote));
  }
}

/** A literal of any kind at all, for the type mismatches Salesforce refuses. */
export const anyLiteral: fc.Arbitrary<string> = fc.oneof(
  number,
  fc.constantFrom('TRUE', 'FALSE', 'NULL', 'null'),
  DAYS.map(isoDate),
  DAYS.map((d) => dateTimeText(d.getTime(), 0)),
  dateLiteral(),
  dateLiteral(2 ** 31 - 1),
  fc.string({ maxLength: 12 }).map(quote),
);
