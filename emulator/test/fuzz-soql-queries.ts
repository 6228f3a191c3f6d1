// fast-check arbitraries for valid SOQL queries, as structures (so a property can rebuild variants of
// one query: without LIMIT, with another ORDER BY) and as text.
import fc from 'fast-check';
import { condition } from './fuzz-soql-conditions.ts';
import { kindOf, type FieldPath, type Kind, type Vocabulary } from './fuzz-soql-vocabulary.ts';

/** What Salesforce lets a query group by (describe's `groupable`): not currency, double or datetime. */
const GROUPABLE: Kind[] = ['text', 'picklist', 'id', 'boolean', 'date'];

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
