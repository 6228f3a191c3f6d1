// Compiles a WHERE or HAVING condition into one closure per node, once per query, so filtering a million
// rows never walks the AST. `bind` says what an operand reads from a row: a record field for WHERE, a
// group key or aggregate for HAVING.

import type { Condition, Operand } from './ast.ts';
import { compareTest, includesTest, inTest, likeTest } from './matchers.ts';
import type { MatchContext, ValueTest } from './matchers.ts';
import type { BoundOperand } from './values.ts';

export type Predicate<Row> = (row: Row) => boolean;

export function compileCondition<Row>(
  condition: Condition,
  bind: (operand: Operand) => BoundOperand<Row>,
  ctx: MatchContext,
): Predicate<Row> {
  switch (condition.kind) {
    case 'and':
      return every(condition.operands.map((c) => compileCondition(c, bind, ctx)));
    case 'or':
      return some(condition.operands.map((c) => compileCondition(c, bind, ctx)));
    case 'not': {
      const inner = compileCondition(condition.operand, bind, ctx);
      return (row) => !inner(row);
    }
    default: {
      const operand = bind(condition.left);
      const test = valueTest(condition, operand as BoundOperand<never>, ctx);
      const get = operand.get;
      return (row) => test(get(row));
    }
  }
}

function valueTest(
  condition: Exclude<Condition, { kind: 'and' | 'or' | 'not' }>,
  operand: BoundOperand<never>,
  ctx: MatchContext,
): ValueTest {
  switch (condition.kind) {
    case 'compare':
      return compareTest(operand, condition.op, condition.value, ctx);
    case 'in':
      return inTest(operand, condition.values, condition.negated, ctx);
    case 'like':
      return likeTest(operand, condition.pattern, ctx);
    case 'includes':
      return includesTest(operand, condition.values, condition.negated, ctx, condition.pos);
  }
}

function every<Row>(parts: Predicate<Row>[]): Predicate<Row> {
  if (parts.length === 2) {
    const [a, b] = parts;
    return (row) => a(row) && b(row);
  }
  return (row) => {
    for (let i = 0; i < parts.length; i++) if (!parts[i](row)) return false;
    return true;
  };
}

function some<Row>(parts: Predicate<Row>[]): Predicate<Row> {
  if (parts.length === 2) {
    const [a, b] = parts;
    return (row) => a(row) || b(row);
  }
  return (row) => {
    for (let i = 0; i < parts.length; i++) if (parts[i](row)) return true;
    return false;
  };
}
