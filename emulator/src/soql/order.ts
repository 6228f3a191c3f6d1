// ORDER BY: multi-key, stable sort. Keys are read once per row into arrays (not once per comparison),
// which matters when sorting a million rows. Text sorts case-insensitively, picklists by the order of
// their defined values, and nulls count as the lowest value unless NULLS FIRST/LAST says otherwise.

import { compareKeys, kindOf, sortKeyOf } from './values.ts';
import type { BoundOperand, SortKey } from './values.ts';

export interface SortSpec<Row> {
  operand: BoundOperand<Row>;
  descending: boolean;
  nulls: 'FIRST' | 'LAST' | null;
}

/** Largest page for which a bounded insertion (O(n log k)) beats sorting every row. */
const TOP_K_MAX = 2000;

/**
 * Sorts rows by the specs. With `take`, only the first `take` rows of the result are needed (OFFSET +
 * LIMIT): for a small page they are selected in one pass instead of sorting everything.
 */
export function sortRows<Row>(rows: Row[], specs: SortSpec<Row>[], take?: number): Row[] {
  if (specs.length === 0 || rows.length < 2) return take === undefined ? rows : rows.slice(0, take);
  const compare = indexComparator(rows, specs);
  if (take !== undefined && take <= TOP_K_MAX && take < rows.length / 4) {
    return selectTop(rows.length, take, compare).map((i) => rows[i]);
  }
  const order = Array.from(rows.keys()).sort(compare);
  return (take === undefined ? order : order.slice(0, take)).map((i) => rows[i]);
}

/** Compares rows by index, ties broken by index so the sort is stable and never returns 0 for two rows. */
function indexComparator<Row>(rows: Row[], specs: SortSpec<Row>[]): (a: number, b: number) => number {
  const keys = specs.map((spec) => {
    const keyOf = sortKeyReader(spec.operand);
    const column = new Array<SortKey | null>(rows.length);
    for (let i = 0; i < rows.length; i++) column[i] = keyOf(rows[i]);
    return column;
  });
  const direction = specs.map((s) => (s.descending ? -1 : 1));
  // Where nulls go: -1 before every value, 1 after. The default treats null as the lowest value.
  const nullSide = specs.map((s) => (s.nulls === 'FIRST' ? -1 : s.nulls === 'LAST' ? 1 : s.descending ? 1 : -1));
  return (a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const x = keys[k][a];
      const y = keys[k][b];
      if (x === y) continue;
      if (x === null) return nullSide[k];
      if (y === null) return -nullSide[k];
      const c = compareKeys(x, y);
      if (c !== 0) return c * direction[k];
    }
    return a - b;
  };
}

/** The `take` smallest of indices 0..n-1, in order: a sorted buffer that most rows fail to enter. */
function selectTop(n: number, take: number, compare: (a: number, b: number) => number): number[] {
  const best: number[] = [];
  if (take === 0) return best;
  for (let i = 0; i < n; i++) {
    if (best.length === take && compare(i, best[take - 1]) > 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(best[mid], i) < 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, i);
    if (best.length > take) best.pop();
  }
  return best;
}

function sortKeyReader<Row>(operand: BoundOperand<Row>): (row: Row) => SortKey | null {
  const { get, picklistValues } = operand;
  const kind = kindOf(operand.type);
  if (operand.type === 'picklist' && picklistValues?.length) {
    // Ranks are zero-padded strings so that values outside the defined list can sort after it,
    // alphabetically among themselves, with one comparison rule.
    const rank = new Map(picklistValues.map((v, i) => [v.toLowerCase(), String(i).padStart(6, '0')]));
    return (row) => {
      const v = get(row);
      if (v === null || v === undefined) return null;
      const lower = String(v).toLowerCase();
      return rank.get(lower) ?? `\uffff${lower}`;
    };
  }
  return (row) => sortKeyOf(kind, get(row));
}
