// Generated valid SOQL, checked against what SOQL promises: LIMIT/OFFSET page the ordered rows,
// AND/OR are intersection/union, COUNT() counts the rows, ORDER BY sorts, GROUP BY partitions.
import fc from 'fast-check';
import type { OrgStore } from '../src/org/store.ts';
import { fuzzOrg, query } from './fuzz-org.ts';
import { kindOf, valueAt, vocabularyOf, type FieldPath } from './fuzz-soql-vocabulary.ts';
import { condition } from './fuzz-soql-conditions.ts';
import { aggregateQuery, plainQuery, renderPlain, type OrderKey, type PlainQuery } from './fuzz-soql-queries.ts';

const RUNS = { numRuns: 150 };
const idsOf = (store: OrgStore, text: string, all = false) =>
  query(store, text, all).records.map((r) => r.Id as string);
const sorted = (ids: Iterable<string>) => [...ids].sort();

/** A field's value in a REST record: `Owner.Name` is nested under `Owner`. */
function recordValue(record: Record<string, unknown>, fp: FieldPath): unknown {
  let current: unknown = record;
  for (const segment of fp.path.split('.')) current = (current as Record<string, unknown> | null)?.[segment] ?? null;
  return current;
}

/** SOQL's order for two non-null values: text without case, picklists in their defined order. */
function compareValues(fp: FieldPath, a: unknown, b: unknown): number {
  const kind = kindOf(fp.field);
  const sign = (n: number) => Math.sign(n);
  const text = (x: unknown, y: unknown) => {
    const [p, q] = [String(x).toLowerCase(), String(y).toLowerCase()];
    return p < q ? -1 : p > q ? 1 : 0;
  };
  if (kind === 'picklist' && fp.field.picklistValues?.length) {
    const rank = (v: unknown) => {
      const i = fp.field.picklistValues!.findIndex((p) => p.toLowerCase() === String(v).toLowerCase());
      return i < 0 ? Infinity : i;
    };
    const [ra, rb] = [rank(a), rank(b)];
    return ra !== rb ? (ra < rb ? -1 : 1) : text(a, b);
  }
  if (kind === 'number') return sign((a as number) - (b as number));
  if (kind === 'boolean') return sign(Number(a) - Number(b));
  if (kind === 'datetime') return sign(Date.parse(a as string) - Date.parse(b as string));
  if (kind === 'text' || kind === 'picklist') return text(a, b);
  return a === b ? 0 : (a as string) < (b as string) ? -1 : 1; // ids, dates
}

/** Where the first key that differs puts `a` relative to `b`: <= 0 when the pair is in order. */
function orderOf(keys: OrderKey[], a: Record<string, unknown>, b: Record<string, unknown>): number {
  for (const key of keys) {
    const [x, y] = [recordValue(a, key.fp), recordValue(b, key.fp)];
    if (x === null && y === null) continue;
    const nullsFirst = key.nulls === 'FIRST' || (key.nulls === null && !key.descending);
    if (x === null || y === null) return (x === null) === nullsFirst ? -1 : 1;
    const c = compareValues(key.fp, x, y) * (key.descending ? -1 : 1);
    if (c !== 0) return c;
  }
  return 0;
}

describe('SOQL invariants on generated valid queries', () => {
  const store = fuzzOrg();
  const vocab = vocabularyOf(store);
  const filtered = vocab.sobjectName.chain((name) =>
    fc.tuple(fc.constant(name), condition(vocab, name), condition(vocab, name)),
  );

  it('pages with LIMIT and OFFSET exactly as the fully ordered result', () => {
    fc.assert(
      fc.property(plainQuery(vocab), (q) => {
        const id = q.select[0];
        const orderBy = q.orderBy.some((k) => k.fp === id)
          ? q.orderBy
          : [...q.orderBy, { fp: id, descending: false, nulls: null }];
        const all = idsOf(store, renderPlain({ ...q, orderBy, limit: null, offset: null }));
        const page = idsOf(store, renderPlain({ ...q, orderBy }));
        const start = q.offset ?? 0;
        expect(page).toEqual(all.slice(start, q.limit === null ? undefined : start + q.limit));
        // Unordered, which rows is unspecified, but how many is not.
        const unordered = idsOf(store, renderPlain({ ...q, orderBy: [] }));
        expect(unordered).toHaveLength(page.length);
        expect(new Set(all)).toEqual(new Set([...all, ...unordered]));
      }),
      { numRuns: 100, seed: 0x1a11 },
    );
  });

  it('answers WHERE A AND B with the rows of both, and A OR B with the rows of either', () => {
    fc.assert(
      fc.property(filtered, ([name, a, b]) => {
        const rows = (where: string) => new Set(idsOf(store, `SELECT Id FROM ${name} WHERE ${where}`));
        const [inA, inB] = [rows(a), rows(b)];
        expect(sorted(rows(`(${a}) AND (${b})`))).toEqual(sorted([...inA].filter((id) => inB.has(id))));
        expect(sorted(rows(`(${a}) OR (${b})`))).toEqual(sorted(new Set([...inA, ...inB])));
      }),
      { ...RUNS, seed: 0x1a12 },
    );
  });

  it('counts with COUNT() and COUNT(Id) the rows the same filter returns, recycle bin aside', () => {
    fc.assert(
      fc.property(filtered, fc.boolean(), ([name, where], all) => {
        const clause = `FROM ${name} WHERE ${where}`;
        const rows = query(store, `SELECT Id ${clause}`, all);
        expect(rows.totalSize).toBe(rows.records.length);
        expect(query(store, `SELECT COUNT() ${clause}`, all)).toMatchObject({ totalSize: rows.totalSize, records: [] });
        expect(query(store, `SELECT COUNT(Id) n ${clause}`, all).records).toMatchObject([{ n: rows.totalSize }]);
        const live = new Set(idsOf(store, `SELECT Id ${clause}`));
        for (const id of idsOf(store, `SELECT Id ${clause}`, true)) {
          expect(live.has(id)).toBe(store.get(name, id)?.IsDeleted !== true);
        }
      }),
      { ...RUNS, seed: 0x1a13 },
    );
  });

  it('returns ORDER BY results sorted by every key, nulls where NULLS FIRST/LAST (or the default) put them', () => {
    const ordered = plainQuery(vocab).filter((q: PlainQuery) => q.orderBy.length > 0);
    fc.assert(
      fc.property(ordered, (q) => {
        const { records } = query(store, renderPlain(q));
        for (let i = 1; i < records.length; i++) {
          if (orderOf(q.orderBy, records[i - 1], records[i]) > 0) {
            throw new Error(`rows ${i - 1} and ${i} out of order: ${JSON.stringify([records[i - 1], records[i]])}`);
          }
        }
      }),
      { ...RUNS, seed: 0x1a14 },
    );
  });

  it('groups the filtered rows by their keys, keeps the groups HAVING names and orders them by count', () => {
    fc.assert(
      fc.property(aggregateQuery(vocab), (q) => {
        const where = q.where === null ? '' : ` WHERE ${q.where}`;
        const counts = new Map<string, number>();
        for (const id of idsOf(store, `SELECT Id FROM ${q.sobject}${where}`)) {
          const key = JSON.stringify(q.groupBy.map((fp) => valueAt(store, store.get(q.sobject, id)!, fp)));
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        const having = q.having === null ? () => true : countTest(q.having);
        const groups = query(store, q.text).records;
        for (const group of groups) {
          const key = JSON.stringify(q.groupBy.map((fp) => group[fp.field.name]));
          expect({ key, n: group.n }).toEqual({ key, n: counts.get(key) });
          expect(having(group.n as number)).toBe(true);
        }
        const kept = [...counts.values()].filter(having).length;
        const limit = /LIMIT (\d+)$/.exec(q.text);
        expect(groups.length).toBe(limit ? Math.min(kept, Number(limit[1])) : kept);
        const byCount = /ORDER BY COUNT\(Id\) (ASC|DESC)/.exec(q.text)?.[1];
        const ns = groups.map((g) => g.n as number);
        if (byCount) expect(ns).toEqual([...ns].sort((x, y) => (byCount === 'ASC' ? x - y : y - x)));
      }),
      { ...RUNS, seed: 0x1a15 },
    );
  });
});

/** `COUNT(Id) >= 3` as a test on a group's count. */
function countTest(having: string): (n: number) => boolean {
  const [, op, k] = /^COUNT\(Id\) (>=|>|<|=) (\d+)$/.exec(having)!;
  const bound = Number(k);
  return (n) => (op === '>' ? n > bound : op === '>=' ? n >= bound : op === '<' ? n < bound : n === bound);
}
