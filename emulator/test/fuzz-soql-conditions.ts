// fast-check arbitraries for SOQL WHERE conditions: comparisons, IN, LIKE, INCLUDES and null checks
// on every field path, typed as Salesforce requires (or, untyped, with literals of any type), joined
// by AND / OR / NOT.
import fc from 'fast-check';
import { anyLiteral, literalFor, quote } from './fuzz-soql-literals.ts';
import { kindOf, type FieldPath, type Kind, type Vocabulary } from './fuzz-soql-vocabulary.ts';

const OPERATORS: Record<Kind, string[]> = {
  text: ['=', '!=', '<>', '<', '<=', '>', '>='],
  picklist: ['=', '!='],
  id: ['=', '!='],
  number: ['=', '!=', '<', '<=', '>', '>='],
  boolean: ['=', '!='],
  date: ['=', '!=', '<', '<=', '>', '>='],
  datetime: ['=', '!=', '<', '<=', '>', '>='],
  multipicklist: ['=', '!='],
  compound: ['=', '!='], // refused by Salesforce: only generated untyped
};
const LISTABLE: Kind[] = ['text', 'picklist', 'id', 'number'];
const LIKEABLE: Kind[] = ['text', 'picklist'];

/** A LIKE pattern around a sampled value: at most two `%`, since each one multiplies matching work. */
function likePattern(vocab: Vocabulary, sobject: string, fp: FieldPath): fc.Arbitrary<string> {
  const escape = (s: string) => s.replace(/[%_\\']/g, (c) => `\\${c}`);
  const samples = vocab.samples(sobject, fp).filter((v): v is string => typeof v === 'string');
  const base = samples.length ? fc.constantFrom(...samples) : fc.string({ maxLength: 8 });
  return fc
    .tuple(base, fc.nat(), fc.nat(), fc.constantFrom('exact', 'prefix', 'infix', 'suffix', 'one'))
    .map(([s, a, b, shape]) => {
      const i = s.length ? a % s.length : 0;
      const j = s.length ? i + (b % (s.length - i + 1)) : 0;
      const raw =
        shape === 'prefix'
          ? `${escape(s.slice(0, j))}%`
          : shape === 'infix'
            ? `%${escape(s.slice(i, j))}%`
            : shape === 'suffix'
              ? `%${escape(s.slice(i))}`
              : shape === 'one'
                ? `${escape(s.slice(0, i))}_${escape(s.slice(i + 1))}`
                : escape(s);
      return `'${raw}'`;
    });
}

/** One comparison on a field path; with `typed: false` the literal may be of any type (often refused). */
function leafOn(vocab: Vocabulary, sobject: string, fp: FieldPath, typed: boolean): fc.Arbitrary<string> {
  const kind = kindOf(fp.field);
  const literal = typed ? literalFor(vocab, sobject, fp) : fc.oneof(literalFor(vocab, sobject, fp), anyLiteral);
  const compare = fc.tuple(fc.constantFrom(...OPERATORS[kind]), literal).map(([op, lit]) => `${fp.path} ${op} ${lit}`);
  const options: fc.WeightedArbitrary<string>[] = [
    { weight: 2, arbitrary: compare },
    { weight: 1, arbitrary: fc.constantFrom('= NULL', '!= null').map((test) => `${fp.path} ${test}`) },
  ];
  if (LISTABLE.includes(kind) || !typed) {
    const list = fc.tuple(fc.boolean(), fc.array(literal, { minLength: 1, maxLength: 4 }));
    options.push({
      weight: 1,
      arbitrary: list.map(([not, items]) => `${fp.path} ${not ? 'NOT IN' : 'IN'} (${items.join(', ')})`),
    });
  }
  if (LIKEABLE.includes(kind)) {
    options.push({ weight: 1, arbitrary: likePattern(vocab, sobject, fp).map((p) => `${fp.path} LIKE ${p}`) });
  }
  if (kind === 'multipicklist' || !typed) {
    const sets = fc.tuple(
      fc.constantFrom('INCLUDES', 'EXCLUDES'),
      fc.array(fc.string({ maxLength: 6 }), { minLength: 1 }),
    );
    options.push({
      weight: 1,
      arbitrary: sets.map(([op, values]) => `${fp.path} ${op} (${values.map(quote).join(', ')})`),
    });
  }
  return fc.oneof(...options);
}

/** Arbitraries are built once per org, sObject and typing: building them is the slow part. */
const conditions = new WeakMap<Vocabulary, Map<string, fc.Arbitrary<string>>>();

/** A WHERE condition: leaves joined by AND / OR (always parenthesised, as SOQL requires) and NOT. */
export function condition(vocab: Vocabulary, sobject: string, typed = true): fc.Arbitrary<string> {
  let cache = conditions.get(vocab);
  if (!cache) conditions.set(vocab, (cache = new Map()));
  const key = `${sobject}:${typed}`;
  let arbitrary = cache.get(key);
  if (!arbitrary) {
    // Kind first, then a path of that kind: rare kinds (boolean, date) come up as often as text.
    // Fields the org never fills (all null) mostly filter to nothing: they come up less often.
    const byKind = new Map<Kind, fc.WeightedArbitrary<string>[]>();
    for (const fp of vocab.paths(sobject)) {
      const kind = kindOf(fp.field);
      if (typed && kind === 'compound') continue;
      const leaf = { arbitrary: leafOn(vocab, sobject, fp, typed), weight: vocab.samples(sobject, fp).length ? 4 : 1 };
      byKind.set(kind, [...(byKind.get(kind) ?? []), leaf]);
    }
    const leaf = fc.oneof(...[...byKind.values()].map((leaves) => fc.oneof(...leaves)));
    arbitrary = fc.letrec<{ cond: string; and: string; or: string; not: string }>((tie) => ({
      cond: fc.oneof({ depthSize: 'small' }, leaf, tie('and'), tie('or'), tie('not')),
      and: fc.array(tie('cond'), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join(' AND ')})`),
      or: fc.array(tie('cond'), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join(' OR ')})`),
      not: tie('cond').map((c) => `NOT (${c})`),
    })).cond;
    cache.set(key, arbitrary);
  }
  return arbitrary;
}
