// Per-value tests for one condition (`Amount > 5`, `StageName IN (...)`, `Name LIKE 'A%'`), built once per
// query with the literal already converted, so the per-row work is a key read and a comparison.
// SOQL null semantics: `!=` and NOT IN are true for null; every other operator is false for null.

import type { ComparisonOperator, Literal, StringLiteral } from './ast.ts';
import { dateLiteralRange, dateTimeMillis, dayToIso, dayToMillis } from './dates.ts';
import { SoqlError } from './errors.ts';
import { checkLiteral, likePattern } from './literals.ts';
import { kindOf, normalizeMultiPicklist, sameId } from './values.ts';
import type { BoundOperand, ValueKind } from './values.ts';

export type ValueTest = (value: unknown) => boolean;

export interface MatchContext {
  text: string;
  now: Date;
  fiscalYearStartMonth: number;
}

type Key = string | number;
type KeyOf = (value: unknown) => Key | null;

/** Comparable keys per kind; null for null (or a value of the wrong shape). */
const KEY_OF: Record<ValueKind, KeyOf> = {
  text: (v) => (typeof v === 'string' ? v.toLowerCase() : null),
  multipicklist: (v) => (typeof v === 'string' ? normalizeMultiPicklist(v) : null),
  id: (v) => (typeof v === 'string' ? v : null),
  number: (v) => (typeof v === 'number' ? v : null),
  boolean: (v) => (v === true ? 1 : v === false ? 0 : null),
  date: (v) => (typeof v === 'string' ? v : null),
  datetime: (v) => {
    const ms = dateTimeMillis(v);
    return Number.isNaN(ms) ? null : ms;
  },
};

/** The literal as a key of the same shape KEY_OF produces. */
function literalKey(kind: ValueKind, literal: Literal): Key {
  switch (literal.kind) {
    case 'string':
      return kind === 'text'
        ? literal.value.toLowerCase()
        : kind === 'multipicklist'
          ? normalizeMultiPicklist(literal.value)
          : literal.value;
    case 'boolean':
      return literal.value ? 1 : 0;
    case 'number':
    case 'date':
    case 'datetime':
      return literal.value;
    default:
      throw new Error(`no key for ${literal.kind}`);
  }
}

export function compareTest(
  operand: BoundOperand<never>,
  op: ComparisonOperator,
  literal: Literal,
  ctx: MatchContext,
): ValueTest {
  if (literal.kind === 'null') {
    if (op === '=') return (v) => v === null || v === undefined;
    if (op === '!=') return (v) => v !== null && v !== undefined;
    return () => false;
  }
  checkLiteral(operand, literal, ctx.text);
  const kind = kindOf(operand.type);
  if (literal.kind === 'dateLiteral') {
    const range = dateLiteralRange(literal.name, literal.n, ctx.now, ctx.fiscalYearStartMonth);
    // JavaScript dates end 100,000,000 days from 1970; an n that reaches past them is no date at all.
    if (!(Math.abs(range.start) <= 1e8 && Math.abs(range.end) <= 1e8)) {
      throw new SoqlError('MALFORMED_QUERY', `invalid date literal: ${literal.name}:${literal.n}`, {
        text: ctx.text,
        pos: literal.pos,
      });
    }
    const toKey = kind === 'date' ? dayToIso : dayToMillis;
    return rangeTest(op, toKey(range.start), toKey(range.end), KEY_OF[kind]);
  }
  if (kind === 'text' && (op === '=' || op === '!=')) {
    // Fast path: exact match first, lower-casing (an allocation) only when lengths agree.
    const exact = (literal as StringLiteral).value;
    const lower = exact.toLowerCase();
    const eq = (v: unknown): boolean =>
      v === exact || (typeof v === 'string' && v.length === exact.length && v.toLowerCase() === lower);
    return op === '=' ? eq : (v) => !eq(v);
  }
  if (kind === 'id' && (op === '=' || op === '!=')) {
    const id = (literal as StringLiteral).value;
    const eq = (v: unknown): boolean => typeof v === 'string' && sameId(v, id);
    return op === '=' ? eq : (v) => !eq(v);
  }
  return pointTest(op, literalKey(kind, literal), KEY_OF[kind]);
}

function pointTest(op: ComparisonOperator, lit: Key, key: KeyOf): ValueTest {
  switch (op) {
    case '=':
      return (v) => key(v) === lit;
    case '!=':
      return (v) => key(v) !== lit;
    case '<':
      return (v) => {
        const k = key(v);
        return k !== null && k < lit;
      };
    case '<=':
      return (v) => {
        const k = key(v);
        return k !== null && k <= lit;
      };
    case '>':
      return (v) => {
        const k = key(v);
        return k !== null && k > lit;
      };
    case '>=':
      return (v) => {
        const k = key(v);
        return k !== null && k >= lit;
      };
  }
}

/** A date literal is a range [lo, hi): `=` is inside it, `>` after its end, `<` before its start. */
function rangeTest(op: ComparisonOperator, lo: Key, hi: Key, key: KeyOf): ValueTest {
  switch (op) {
    case '=':
      return (v) => {
        const k = key(v);
        return k !== null && k >= lo && k < hi;
      };
    case '!=':
      return (v) => {
        const k = key(v);
        return k === null || k < lo || k >= hi;
      };
    case '<':
      return (v) => {
        const k = key(v);
        return k !== null && k < lo;
      };
    case '<=':
      return (v) => {
        const k = key(v);
        return k !== null && k < hi;
      };
    case '>':
      return (v) => {
        const k = key(v);
        return k !== null && k >= hi;
      };
    case '>=':
      return (v) => {
        const k = key(v);
        return k !== null && k >= lo;
      };
  }
}

export function inTest(
  operand: BoundOperand<never>,
  literals: Literal[],
  negated: boolean,
  ctx: MatchContext,
): ValueTest {
  const kind = kindOf(operand.type);
  const hasNull = literals.some((l) => l.kind === 'null');
  const values = literals.filter((l) => l.kind !== 'null');
  for (const l of values) checkLiteral(operand, l, ctx.text);
  let test: ValueTest;
  if (kind === 'text' || kind === 'id') {
    // Exact hits are the common case; only a miss pays for lower-casing (text) or trimming to 15 chars (ids).
    const exact = new Set(values.map((l) => (l as StringLiteral).value));
    const folded = new Set(values.map((l) => fold(kind, (l as StringLiteral).value)));
    test = (v) => typeof v === 'string' && (exact.has(v) || folded.has(fold(kind, v)));
  } else if (values.some((l) => l.kind === 'dateLiteral') || kind === 'multipicklist') {
    const tests = values.map((l) => compareTest(operand, '=', l, ctx));
    test = (v) => tests.some((t) => t(v));
  } else {
    const keys = new Set(values.map((l) => literalKey(kind, l)));
    const key = KEY_OF[kind];
    test = (v) => keys.has(key(v) as Key);
  }
  const isNull = (v: unknown): boolean => v === null || v === undefined;
  const positive: ValueTest = hasNull ? (v) => isNull(v) || test(v) : (v) => !isNull(v) && test(v);
  return negated ? (v) => !positive(v) : positive;
}

const fold = (kind: 'text' | 'id', s: string): string =>
  kind === 'text' ? s.toLowerCase() : s.length === 18 ? s.slice(0, 15) : s;

export function likeTest(operand: BoundOperand<never>, pattern: StringLiteral, ctx: MatchContext): ValueTest {
  if (kindOf(operand.type) === 'id') {
    throw new SoqlError('INVALID_FIELD', `invalid operator on id field`, { text: ctx.text, pos: pattern.pos });
  }
  checkLiteral(operand, pattern, ctx.text);
  const matches = likePattern(pattern.raw);
  return (v) => typeof v === 'string' && matches(v);
}

/** INCLUDES ('a;b', 'c'): the value holds both a and b, or holds c. EXCLUDES is the negation. */
export function includesTest(
  operand: BoundOperand<never>,
  values: StringLiteral[],
  negated: boolean,
  ctx: MatchContext,
  pos: number,
): ValueTest {
  if (kindOf(operand.type) !== 'multipicklist') {
    throw new SoqlError('INVALID_FIELD', `includes or excludes operator only valid on multipicklist field`, {
      text: ctx.text,
      pos,
    });
  }
  const wanted = values.map((l) => normalizeMultiPicklist(l.value).split(';'));
  const includes = (v: unknown): boolean => {
    if (typeof v !== 'string') return false;
    const have = normalizeMultiPicklist(v).split(';');
    return wanted.some((all) => all.every((w) => have.includes(w)));
  };
  return negated ? (v) => !includes(v) : includes;
}
