// One running aggregate per group: COUNT(), COUNT(f), COUNT_DISTINCT(f), SUM, AVG, MIN, MAX.
// Null values are ignored by all but COUNT(), as in SQL; SUM/AVG/MIN/MAX of no values is null.

import type { AggregateFunction } from './ast.ts';
import { compareKeys, sortKeyOf } from './values.ts';
import type { SortKey, ValueKind } from './values.ts';

export interface Accumulator {
  add(value: unknown): void;
  result(): unknown;
}

/** Sums of decimals drift (0.1 + 0.2); Salesforce sums exactly, so keep 15 significant digits. */
const clean = (n: number): number => Number.parseFloat(n.toPrecision(15));

class CountRows implements Accumulator {
  private n = 0;
  add(): void {
    this.n++;
  }
  result(): number {
    return this.n;
  }
}

class CountValues implements Accumulator {
  private n = 0;
  add(value: unknown): void {
    if (value !== null && value !== undefined) this.n++;
  }
  result(): number {
    return this.n;
  }
}

class CountDistinct implements Accumulator {
  private readonly seen = new Set<unknown>();
  add(value: unknown): void {
    if (value !== null && value !== undefined) this.seen.add(value);
  }
  result(): number {
    return this.seen.size;
  }
}

class Sum implements Accumulator {
  private total = 0;
  private count = 0;
  add(value: unknown): void {
    if (typeof value === 'number') {
      this.total += value;
      this.count++;
    }
  }
  result(): number | null {
    return this.count === 0 ? null : clean(this.total);
  }
  average(): number | null {
    return this.count === 0 ? null : clean(this.total / this.count);
  }
}

class Average extends Sum {
  override result(): number | null {
    return this.average();
  }
}

/** MIN (sign 1) or MAX (sign -1); compares like ORDER BY but returns the value as stored. */
class Extreme implements Accumulator {
  private readonly kind: ValueKind;
  private readonly sign: number;
  private best: unknown = null;
  private bestKey: SortKey | null = null;
  constructor(kind: ValueKind, sign: number) {
    this.kind = kind;
    this.sign = sign;
  }
  add(value: unknown): void {
    const key = sortKeyOf(this.kind, value);
    if (key === null) return;
    if (this.bestKey === null || compareKeys(key, this.bestKey) * this.sign < 0) {
      this.best = value;
      this.bestKey = key;
    }
  }
  result(): unknown {
    return this.best;
  }
}

/** A factory, called once per new group, for the accumulator of `fn` over values of `kind`. */
export function accumulatorFactory(fn: AggregateFunction, hasField: boolean, kind: ValueKind): () => Accumulator {
  switch (fn) {
    case 'COUNT':
      return hasField ? () => new CountValues() : () => new CountRows();
    case 'COUNT_DISTINCT':
      return () => new CountDistinct();
    case 'SUM':
      return () => new Sum();
    case 'AVG':
      return () => new Average();
    case 'MIN':
      return () => new Extreme(kind, 1);
    case 'MAX':
      return () => new Extreme(kind, -1);
  }
}
