import { sortRows } from './order.ts';
import type { SortSpec } from './order.ts';

interface Row {
  id: number;
  n: number | null;
  s: string | null;
}

const spec = (key: 'n' | 's', descending = false, nulls: 'FIRST' | 'LAST' | null = null): SortSpec<Row> => ({
  operand: { get: (r) => r[key], type: key === 'n' ? 'double' : 'string', label: key },
  descending,
  nulls,
});

// A deterministic pseudo-random table with many ties and nulls.
let seed = 7;
const rand = (m: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % m;
const ROWS: Row[] = Array.from({ length: 5000 }, (_, id) => ({
  id,
  n: rand(10) === 0 ? null : rand(50),
  s: rand(8) === 0 ? null : ['b', 'A', 'a', 'C'][rand(4)],
}));

describe('sortRows', () => {
  it('is stable: ties keep their input order', () => {
    const sorted = sortRows(ROWS, [spec('s')]);
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1], sorted[i]];
      if (a.s?.toLowerCase() === b.s?.toLowerCase()) expect(a.id).toBeLessThan(b.id);
    }
  });

  it('sorts text case-insensitively with nulls first ascending', () => {
    const values = sortRows(ROWS, [spec('s')]).map((r) => r.s?.toLowerCase() ?? null);
    const firstValue = values.findIndex((v) => v !== null);
    expect(values.slice(0, firstValue).every((v) => v === null)).toBe(true);
    expect(values.slice(firstValue)).toEqual([...values.slice(firstValue)].sort());
  });

  it.each([
    [[spec('n')], 10],
    [[spec('n', true)], 25],
    [[spec('n', false, 'LAST'), spec('s', true)], 100],
    [[spec('s', true, 'FIRST'), spec('n')], 1],
    [[spec('s')], 0],
  ])('selects the same top rows as a full sort (%#)', (specs, take) => {
    const full = sortRows(ROWS, specs).slice(0, take);
    const top = sortRows(ROWS, specs, take);
    expect(top.map((r) => r.id)).toEqual(full.map((r) => r.id));
    expect(top).toHaveLength(take);
  });

  it('returns the first rows unchanged when there is nothing to sort by', () => {
    expect(sortRows(ROWS, [], 3).map((r) => r.id)).toEqual([0, 1, 2]);
  });
});
