// fast-check arbitraries for SOQL: valid queries as structures (so properties can rebuild variants of
// one query), their text, and near-valid text made by breaking valid queries token by token.
import fc from 'fast-check';
import {
  anyLiteral,
  dateLiteral,
  kindOf,
  literalFor,
  quote,
  type FieldPath,
  type Kind,
  type Vocabulary,
} from './fuzz-soql-vocabulary.ts';

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
/** What Salesforce lets a query group by (describe's `groupable`): not currency, double or datetime. */
const GROUPABLE: Kind[] = ['text', 'picklist', 'id', 'boolean', 'date'];

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
  const options: fc.Arbitrary<string>[] = [
    fc.tuple(fc.constantFrom(...OPERATORS[kind]), literal).map(([op, lit]) => `${fp.path} ${op} ${lit}`),
    fc.tuple(fc.constantFrom(...OPERATORS[kind]), literal).map(([op, lit]) => `${fp.path} ${op} ${lit}`),
    fc.constantFrom('= NULL', '!= null').map((test) => `${fp.path} ${test}`),
  ];
  if (LISTABLE.includes(kind) || !typed) {
    options.push(
      fc
        .tuple(fc.boolean(), fc.array(literal, { minLength: 1, maxLength: 4 }))
        .map(([not, items]) => `${fp.path} ${not ? 'NOT IN' : 'IN'} (${items.join(', ')})`),
    );
  }
  if (LIKEABLE.includes(kind)) options.push(likePattern(vocab, sobject, fp).map((p) => `${fp.path} LIKE ${p}`));
  if (kind === 'multipicklist' || !typed) {
    options.push(
      fc
        .tuple(fc.constantFrom('INCLUDES', 'EXCLUDES'), fc.array(fc.string({ maxLength: 6 }), { minLength: 1 }))
        .map(([op, values]) => `${fp.path} ${op} (${values.map(quote).join(', ')})`),
    );
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

export interface OrderKey {
  fp: FieldPath;
  descending: boolean;
  nulls: 'FIRST' | 'LAST' | null;
}

export interface PlainQuery {
  sobject: string;
  /** Id first, then other fields (every ORDER BY key among them, so results can be checked). */
  select: FieldPath[];
  where: string | null;
  orderBy: OrderKey[];
  limit: number | null;
  offset: number | null;
}

export function renderPlain(q: PlainQuery): string {
  const order = q.orderBy.map((k) => `${k.fp.path}${k.descending ? ' DESC' : ''}${k.nulls ? ` NULLS ${k.nulls}` : ''}`);
  return [
    `SELECT ${q.select.map((fp) => fp.path).join(', ')} FROM ${q.sobject}`,
    q.where === null ? '' : ` WHERE ${q.where}`,
    order.length ? ` ORDER BY ${order.join(', ')}` : '',
    q.limit === null ? '' : ` LIMIT ${q.limit}`,
    q.offset === null ? '' : ` OFFSET ${q.offset}`,
  ].join('');
}

/** Valid plain queries over one sObject; `sobject` fixes it, else any sObject with rows. */
export function plainQuery(vocab: Vocabulary, sobject?: string): fc.Arbitrary<PlainQuery> {
  return (sobject ? fc.constant(sobject) : vocab.sobjectName).chain((name) => {
    const paths = vocab.paths(name);
    const id = paths.find((fp) => fp.path === 'Id')!;
    const sortable = paths.filter((fp) => !['multipicklist', 'compound'].includes(kindOf(fp.field)));
    const orderKey = fc.record({
      fp: fc.constantFrom(...sortable),
      descending: fc.boolean(),
      nulls: fc.constantFrom(null, 'FIRST' as const, 'LAST' as const),
    });
    return fc
      .record({
        others: fc.uniqueArray(fc.constantFrom(...paths), { maxLength: 4, selector: (fp) => fp.path }),
        where: fc.option(condition(vocab, name), { nil: null, freq: 2 }),
        orderBy: fc.uniqueArray(orderKey, { maxLength: 2, selector: (k) => k.fp.path }),
        limit: fc.option(fc.nat({ max: 300 }), { nil: null, freq: 2 }),
        offset: fc.option(fc.nat({ max: 40 }), { nil: null, freq: 2 }),
      })
      .map(({ others, where, orderBy, limit, offset }) => {
        const select = [id];
        for (const fp of [...others, ...orderBy.map((k) => k.fp)]) if (!select.includes(fp)) select.push(fp);
        return { sobject: name, select, where, orderBy, limit, offset };
      });
  });
}

export interface AggregateQuery {
  sobject: string;
  groupBy: FieldPath[];
  where: string | null;
  having: string | null;
  text: string;
}

/** Valid GROUP BY queries: each group with COUNT(Id) as `n`, plus other aggregates; HAVING and ORDER BY. */
export function aggregateQuery(vocab: Vocabulary): fc.Arbitrary<AggregateQuery> {
  return vocab.sobjectName.chain((name) => {
    const paths = vocab.paths(name);
    const groupable = paths.filter((fp) => GROUPABLE.includes(kindOf(fp.field)));
    const numeric = paths.filter((fp) => kindOf(fp.field) === 'number');
    const ordered = paths.filter((fp) => ['number', 'date', 'datetime', 'text'].includes(kindOf(fp.field)));
    const call = (fns: string[], on: FieldPath[]) =>
      fc.tuple(fc.constantFrom(...fns), fc.constantFrom(...on)).map(([fn, fp]) => `${fn}(${fp.path})`);
    const extra = fc.oneof(
      call(
        ['COUNT'],
        paths.filter((fp) => kindOf(fp.field) !== 'compound'),
      ),
      call(['COUNT_DISTINCT'], groupable),
      call(['MIN', 'MAX'], ordered),
      ...(numeric.length ? [call(['SUM', 'AVG'], numeric)] : []),
    );
    return fc
      .record({
        // Results name a grouped field by its last segment: Owner.Name and Account.Name would clash
        // ("duplicate alias: Name", as Salesforce says), so the fields' names differ.
        groupBy: fc.uniqueArray(fc.constantFrom(...groupable), {
          minLength: 1,
          maxLength: 2,
          selector: (fp) => fp.field.name,
        }),
        extras: fc.uniqueArray(extra, { maxLength: 3 }),
        where: fc.option(condition(vocab, name), { nil: null, freq: 2 }),
        having: fc.option(
          fc.tuple(fc.constantFrom('>', '>=', '<', '='), fc.nat({ max: 5 })).map(([op, n]) => `COUNT(Id) ${op} ${n}`),
          { nil: null, freq: 2 },
        ),
        orderByCount: fc.option(fc.constantFrom('ASC', 'DESC'), { nil: null }),
        limit: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
      })
      .map(({ groupBy, extras, where, having, orderByCount, limit }) => {
        const keys = groupBy.map((fp) => fp.path).join(', ');
        const items = [keys, 'COUNT(Id) n', ...extras.map((e, i) => `${e} x${i}`)].join(', ');
        const text = [
          `SELECT ${items} FROM ${name}`,
          where === null ? '' : ` WHERE ${where}`,
          ` GROUP BY ${keys}`,
          having === null ? '' : ` HAVING ${having}`,
          orderByCount === null ? '' : ` ORDER BY COUNT(Id) ${orderByCount}, ${keys}`,
          limit === null ? '' : ` LIMIT ${limit}`,
        ].join('');
        return { sobject: name, groupBy, where, having, text };
      });
  });
}

// ---- near-valid text ----

const JUNK = [
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'IN',
  'LIKE',
  'INCLUDES',
  'EXCLUDES',
  'GROUP BY',
  'HAVING',
  'ORDER BY',
  'LIMIT',
  'OFFSET',
  'NULLS FIRST',
  'DESC',
  'ASC',
  'NULL',
  'TRUE',
  'COUNT()',
  'COUNT(Id)',
  'SUM(',
  'Owner.',
  '.',
  ',',
  '(',
  ')',
  ':',
  '=',
  '<>',
  '!=',
  '>=',
  "'",
  "'x'",
  "'\\'",
  "'\\q'",
  '"',
  '#',
  '\\',
  '-',
  '-1',
  '0',
  '1.5',
  '99999999999999999999',
  '2026-02-30',
  '2026-01-01T25:00:00Z',
  '2026-01-01T00:00:00',
  'LAST_N_DAYS',
  'LAST_N_DAYS:',
  'THIS_QUARTER',
  'N_YEARS_AGO:3',
  'Opportunity',
  'Account',
  'Id',
  'Name',
  'é',
  '\u0000',
  '\n',
  '𝒳',
];

/** Splits SOQL into tokens roughly as the lexer does (strings kept whole), to mutate it. */
const TOKEN = /'(?:[^'\\]|\\.)*'?|\s+|[(),.:]|[!<>=]+|[^\s(),.:'!<>=]+/gu;

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), with: fc.constantFrom(...JUNK) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    with: fc.oneof(fc.constantFrom(...JUNK), fc.string()),
  }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, mutations: Mutation[]): string {
  const tokens = text.match(TOKEN) ?? [];
  for (const m of mutations) {
    if (tokens.length === 0) break;
    const at = m.at % tokens.length;
    if (m.kind === 'delete') tokens.splice(at, 1);
    else if (m.kind === 'duplicate') tokens.splice(at, 0, tokens[at]);
    else if (m.kind === 'swap') {
      const to = m.to % tokens.length;
      [tokens[at], tokens[to]] = [tokens[to], tokens[at]];
    } else if (m.kind === 'replace') tokens[at] = ` ${m.with} `;
    else tokens.splice(at, 0, ` ${m.with} `);
  }
  return tokens.join('');
}

/** Well-formed queries whose filters compare fields with literals of any type (often refused). */
export const untypedFilterQuery = (vocab: Vocabulary): fc.Arbitrary<string> =>
  vocab.sobjectName.chain((name) =>
    condition(vocab, name, false).map((where) => `SELECT Id FROM ${name} WHERE ${where}`),
  );

/** Valid queries (some with literals of the wrong type), then broken by up to three token edits. */
export function nearValidQuery(vocab: Vocabulary): fc.Arbitrary<string> {
  const valid = fc.oneof(
    plainQuery(vocab).map(renderPlain),
    aggregateQuery(vocab).map((q) => q.text),
    untypedFilterQuery(vocab),
  );
  return fc.tuple(valid, fc.array(mutation, { maxLength: 3 })).map(([text, ms]) => mutate(text, ms));
}

/** Text from SOQL's own words and symbols in any order: mostly wrong, occasionally valid. */
export const soqlSoup: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...JUNK), dateLiteral(1_000_000), fc.string({ maxLength: 4 })), { maxLength: 25 })
  .map((words) => words.join(' '));
