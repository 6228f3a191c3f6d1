// Aggregate queries (GROUP BY, COUNT/SUM/AVG/MIN/MAX, HAVING): rows are folded into groups in one pass,
// then HAVING, ORDER BY, OFFSET/LIMIT apply to groups, and each group becomes an AggregateResult record
// keyed like Salesforce: the grouped field's name, the alias, or expr0, expr1... for unaliased aggregates.

import type { FieldType, SObjectDescribe, SObjectRecord } from '../org/schema.ts';
import { accumulatorFactory } from './accumulators.ts';
import type { Accumulator } from './accumulators.ts';
import type { RecordSource } from './api.ts';
import type { AggregateCall, Operand, SelectStatement } from './ast.ts';
import { bindField, fieldGetter } from './bind.ts';
import { SoqlError } from './errors.ts';
import type { MatchContext } from './matchers.ts';
import { sortRows } from './order.ts';
import { compileCondition } from './predicate.ts';
import { kindOf } from './values.ts';
import type { BoundOperand } from './values.ts';

interface Group {
  keys: unknown[];
  accs: Accumulator[];
}

interface AggregateSpec {
  signature: string;
  get: ((row: SObjectRecord) => unknown) | null;
  create: () => Accumulator;
}

const NUMERIC_ONLY = new Set(['SUM', 'AVG']);

export function runAggregate(
  stmt: SelectStatement,
  sobject: SObjectDescribe,
  rows: Iterable<SObjectRecord>,
  accept: (row: SObjectRecord) => boolean,
  source: RecordSource,
  ctx: MatchContext,
): Record<string, unknown>[] {
  const { text } = ctx;
  const grouped = stmt.groupBy.map((ref) => bindField(sobject, ref, text));
  const groupGetters = grouped.map((b) => fieldGetter(b, source));
  const specs: AggregateSpec[] = [];

  /** Registers an aggregate (once per distinct call) and says how to read it from a group. */
  const aggregateOperand = (call: AggregateCall): BoundOperand<Group> => {
    const bound = call.field ? bindField(sobject, call.field, text) : null;
    const type = bound?.field.type;
    if (bound && type && ((NUMERIC_ONLY.has(call.fn) && kindOf(type) !== 'number') || notComparable(call.fn, type))) {
      throw new SoqlError('INVALID_FIELD', `field ${bound.field.name} does not support aggregate operator ${call.fn}`, {
        text,
        pos: bound.pos,
      });
    }
    const signature = `${call.fn}(${bound?.canonical.toLowerCase() ?? ''})`;
    let index = specs.findIndex((s) => s.signature === signature);
    if (index < 0) {
      index =
        specs.push({
          signature,
          get: bound ? fieldGetter(bound, source) : null,
          create: accumulatorFactory(call.fn, bound !== null, kindOf(type ?? 'int')),
        }) - 1;
    }
    const resultType: FieldType = call.fn.startsWith('COUNT')
      ? 'int'
      : call.fn === 'SUM' || call.fn === 'AVG'
        ? 'double'
        : (type as FieldType);
    const label = `${call.fn}(${bound?.canonical ?? ''})`;
    return { get: (g) => g.accs[index].result(), type: resultType, label };
  };

  /** A grouped field read from a group, or the Salesforce error naming the clause it was misused in. */
  const groupedOperand = (operand: Operand, misuse: string): BoundOperand<Group> => {
    if (operand.kind === 'aggregate') return aggregateOperand(operand);
    const bound = bindField(sobject, operand, text);
    const index = grouped.findIndex((g) => g.canonical.toLowerCase() === bound.canonical.toLowerCase());
    if (index < 0)
      throw new SoqlError('MALFORMED_QUERY', `${misuse}: ${operand.path.join('.')}`, { text, pos: operand.pos });
    return {
      get: (g) => g.keys[index],
      type: bound.field.type,
      label: bound.field.name,
      picklistValues: bound.field.picklistValues,
    };
  };

  const columns = selectColumns(
    stmt,
    (operand) => groupedOperand(operand, 'Field must be grouped or aggregated'),
    text,
  );
  const having = stmt.having
    ? compileCondition(stmt.having, (o) => groupedOperand(o, 'Having field must be grouped or aggregated'), ctx)
    : null;
  const sortSpecs = stmt.orderBy.map((item) => ({
    operand: groupedOperand(item.expr, 'Ordered field must be grouped or aggregated'),
    descending: item.descending,
    nulls: item.nulls,
  }));

  let groups = foldRows(rows, accept, groupGetters, specs);
  if (having) groups = groups.filter(having);
  groups = sortRows(groups, sortSpecs);
  const start = stmt.offset ?? 0;
  groups = groups.slice(start, stmt.limit === null ? undefined : start + stmt.limit);
  return groups.map((g) => {
    const out: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
    for (const c of columns) out[c.key] = c.get(g) ?? null;
    return out;
  });
}

/** MIN/MAX need an order; booleans and multi-select picklists have none. */
const notComparable = (fn: string, type: FieldType): boolean =>
  (fn === 'MIN' || fn === 'MAX') && (type === 'boolean' || type === 'multipicklist');

function selectColumns(
  stmt: SelectStatement,
  bind: (operand: Operand) => BoundOperand<Group>,
  text: string,
): { key: string; get: (g: Group) => unknown }[] {
  let unnamed = 0;
  const seen = new Set<string>();
  return stmt.select.map((item) => {
    const countRows = item.expr.kind === 'aggregate' && item.expr.field === null;
    if (countRows && stmt.select.length > 1) {
      throw new SoqlError('MALFORMED_QUERY', `COUNT() must be the only element in the SELECT list`, {
        text,
        pos: item.pos,
      });
    }
    const operand = bind(item.expr);
    const key = item.alias ?? (item.expr.kind === 'aggregate' ? `expr${unnamed++}` : operand.label);
    if (seen.has(key.toLowerCase())) {
      throw new SoqlError('MALFORMED_QUERY', `duplicate alias: ${key}`, { text, pos: item.pos });
    }
    seen.add(key.toLowerCase());
    return { key, get: operand.get };
  });
}

/** One pass over the rows: nested Maps keyed by each GROUP BY value, so no per-row key strings. */
function foldRows(
  rows: Iterable<SObjectRecord>,
  accept: (row: SObjectRecord) => boolean,
  groupGetters: ((row: SObjectRecord) => unknown)[],
  specs: AggregateSpec[],
): Group[] {
  const groups: Group[] = [];
  const newGroup = (row: SObjectRecord | null): Group => {
    const g = { keys: groupGetters.map((get) => (row ? get(row) : null)), accs: specs.map((s) => s.create()) };
    groups.push(g);
    return g;
  };
  const depth = groupGetters.length;
  const single = depth === 0 ? newGroup(null) : null; // no GROUP BY: one group, even over no rows
  const root = new Map<unknown, unknown>();
  for (const row of rows) {
    if (!accept(row)) continue;
    let group = single;
    if (group === null) {
      let map = root;
      for (let i = 0; i < depth - 1; i++) {
        const key = groupGetters[i](row);
        let next = map.get(key) as Map<unknown, unknown> | undefined;
        if (next === undefined) map.set(key, (next = new Map()));
        map = next;
      }
      const key = groupGetters[depth - 1](row);
      group = (map.get(key) as Group | undefined) ?? null;
      if (group === null) map.set(key, (group = newGroup(row)));
    }
    for (let i = 0; i < specs.length; i++) {
      const get = specs[i].get;
      group.accs[i].add(get === null ? null : get(row));
    }
  }
  return groups;
}
