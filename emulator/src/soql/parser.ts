// Recursive-descent parser for the SOQL subset the emulator serves:
//   SELECT item, ... FROM object [WHERE cond] [GROUP BY field, ...] [HAVING cond]
//   [ORDER BY key [ASC|DESC] [NULLS FIRST|LAST], ...] [LIMIT n] [OFFSET n]
// It checks syntax only; names are bound to the org's describe later (see bind.ts).

import type {
  AggregateCall,
  AggregateFunction,
  ComparisonOperator,
  Condition,
  FieldRef,
  Literal,
  Operand,
  OrderItem,
  SelectItem,
  SelectStatement,
  StringLiteral,
} from './ast.ts';
import { dateLiteralArity } from './dates.ts';
import { unexpectedToken } from './errors.ts';
import { tokenize } from './lexer.ts';
import type { Token } from './lexer.ts';

const AGGREGATES = new Set<string>(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

/** Words that can never be a field name or an alias, so they end a field list or a path. */
const RESERVED = new Set(
  `AND ASC BY DESC EXCLUDES FALSE FIRST FOR FROM GROUP HAVING IN INCLUDES LAST LIKE LIMIT NOT NULL NULLS
   OFFSET OR ORDER SELECT TRUE USING WHERE WITH`.split(/\s+/),
);

export function parseSoql(text: string): SelectStatement {
  return new Parser(text).statement();
}

class Parser {
  private readonly text: string;
  private readonly tokens: Token[];
  private i = 0;

  constructor(text: string) {
    this.text = text;
    this.tokens = tokenize(text);
  }

  statement(): SelectStatement {
    this.keyword('SELECT');
    const select = this.list(() => this.selectItem());
    this.keyword('FROM');
    const fromToken = this.identifier();
    const from = { name: fromToken.text, pos: fromToken.pos };
    const where = this.acceptKeyword('WHERE') ? this.condition() : null;
    let groupBy: FieldRef[] = [];
    if (this.acceptKeyword('GROUP')) {
      this.keyword('BY');
      groupBy = this.list(() => this.fieldRef());
    }
    const having = this.acceptKeyword('HAVING') ? this.condition() : null;
    let orderBy: OrderItem[] = [];
    if (this.acceptKeyword('ORDER')) {
      this.keyword('BY');
      orderBy = this.list(() => this.orderItem());
    }
    const limit = this.acceptKeyword('LIMIT') ? this.integer() : null;
    const offset = this.acceptKeyword('OFFSET') ? this.integer() : null;
    if (this.peek().kind !== 'eof') throw this.unexpected();
    return { select, from, where, groupBy, having, orderBy, limit, offset };
  }

  // ---- SELECT list and ORDER BY ----

  private selectItem(): SelectItem {
    const pos = this.peek().pos;
    const expr = this.operand();
    // An alias is a plain word followed by ',' or FROM; anything else (SELECT Id FORM Account) is an error on
    // that word, which is where the author went wrong.
    const next = this.peek();
    const after = this.peekAt(1);
    const endsItem = after.text === ',' || after.upper === 'FROM';
    let alias: string | null = null;
    if (next.kind === 'ident' && !RESERVED.has(next.upper) && endsItem) {
      alias = this.advance().text;
    }
    return { expr, alias, pos };
  }

  private orderItem(): OrderItem {
    const pos = this.peek().pos;
    const expr = this.operand();
    const descending = this.acceptKeyword('DESC') ? true : (this.acceptKeyword('ASC'), false);
    let nulls: OrderItem['nulls'] = null;
    if (this.acceptKeyword('NULLS')) {
      if (this.acceptKeyword('FIRST')) nulls = 'FIRST';
      else if (this.acceptKeyword('LAST')) nulls = 'LAST';
      else throw this.unexpected();
    }
    return { expr, descending, nulls, pos };
  }

  /** A field path, or an aggregate call such as COUNT(Id) / COUNT(). */
  private operand(): Operand {
    const t = this.peek();
    if (t.kind === 'ident' && this.peekAt(1).text === '(') {
      if (!AGGREGATES.has(t.upper)) throw unexpectedToken(t.text, this.site(t));
      return this.aggregate();
    }
    return this.fieldRef();
  }

  private aggregate(): AggregateCall {
    const t = this.advance();
    const fn = t.upper as AggregateFunction;
    this.punct('(');
    let field: FieldRef | null = null;
    if (fn !== 'COUNT' || this.peek().text !== ')') field = this.fieldRef();
    this.punct(')');
    return { kind: 'aggregate', fn, field, pos: t.pos };
  }

  private fieldRef(): FieldRef {
    const first = this.identifier();
    const path = [first.text];
    while (this.peek().text === '.') {
      this.advance();
      path.push(this.identifier().text);
    }
    return { kind: 'field', path, pos: first.pos };
  }

  // ---- conditions ----

  /**
   * SOQL forbids mixing AND and OR without parentheses: in `a AND b OR c` the chain ends before OR, and
   * whoever called us then fails on it as an unexpected token.
   */
  private condition(): Condition {
    const first = this.unary();
    const joiner = this.peek().upper;
    if (joiner !== 'AND' && joiner !== 'OR') return first;
    const operands = [first];
    while (this.acceptKeyword(joiner)) operands.push(this.unary());
    return { kind: joiner === 'AND' ? 'and' : 'or', operands, pos: first.pos };
  }

  private unary(): Condition {
    const t = this.peek();
    if (this.acceptKeyword('NOT')) return { kind: 'not', operand: this.unary(), pos: t.pos };
    if (t.text === '(') {
      this.advance();
      const inner = this.condition();
      this.punct(')');
      return inner;
    }
    return this.simpleCondition();
  }

  private simpleCondition(): Condition {
    const left = this.operand();
    const pos = left.pos;
    const t = this.peek();
    if (t.kind === 'op') {
      this.advance();
      const op = (t.text === '<>' ? '!=' : t.text) as ComparisonOperator;
      return { kind: 'compare', left, op, value: this.literal(), pos };
    }
    if (this.acceptKeyword('LIKE')) return { kind: 'like', left, pattern: this.stringLiteral(), pos };
    if (t.upper === 'INCLUDES' || t.upper === 'EXCLUDES') {
      this.advance();
      const values = this.parenthesized(() => this.stringLiteral());
      return { kind: 'includes', left, negated: t.upper === 'EXCLUDES', values, pos };
    }
    const negated = this.acceptKeyword('NOT');
    if (negated || t.upper === 'IN') {
      this.keyword('IN');
      return { kind: 'in', left, negated, values: this.parenthesized(() => this.literal()), pos };
    }
    throw this.unexpected();
  }

  private parenthesized<T>(item: () => T): T[] {
    this.punct('(');
    const items = this.list(item);
    this.punct(')');
    return items;
  }

  private literal(): Literal {
    const t = this.advance();
    const pos = t.pos;
    switch (t.kind) {
      case 'string':
        return { kind: 'string', value: t.value as string, raw: t.raw, pos };
      case 'number':
        return { kind: 'number', value: t.value as number, pos };
      case 'date':
        return { kind: 'date', value: t.value as string, pos };
      case 'datetime':
        return { kind: 'datetime', value: t.value as number, text: t.text, pos };
      case 'ident': {
        if (t.upper === 'NULL') return { kind: 'null', pos };
        if (t.upper === 'TRUE' || t.upper === 'FALSE') return { kind: 'boolean', value: t.upper === 'TRUE', pos };
        const arity = dateLiteralArity(t.upper);
        if (arity === 'plain') return { kind: 'dateLiteral', name: t.upper, n: null, pos };
        if (arity === 'n') {
          this.punct(':');
          return { kind: 'dateLiteral', name: t.upper, n: this.integer(), pos };
        }
      }
    }
    throw unexpectedToken(t.text, this.site(t));
  }

  private stringLiteral(): StringLiteral {
    const t = this.peek();
    if (t.kind !== 'string') throw this.unexpected();
    return this.literal() as StringLiteral;
  }

  // ---- token helpers ----

  private list<T>(item: () => T): T[] {
    const items = [item()];
    while (this.peek().text === ',') {
      this.advance();
      items.push(item());
    }
    return items;
  }

  private integer(): number {
    const t = this.peek();
    if (t.kind !== 'number' || !Number.isInteger(t.value) || (t.value as number) < 0) throw this.unexpected();
    this.advance();
    return t.value as number;
  }

  private identifier(): Token {
    const t = this.peek();
    if (t.kind !== 'ident' || RESERVED.has(t.upper)) throw this.unexpected();
    return this.advance();
  }

  private keyword(word: string): void {
    if (!this.acceptKeyword(word)) throw this.unexpected();
  }

  private acceptKeyword(word: string): boolean {
    const t = this.peek();
    if (t.kind !== 'ident' || t.upper !== word) return false;
    this.i++;
    return true;
  }

  private punct(p: string): void {
    const t = this.peek();
    if (t.kind !== 'punct' || t.text !== p) throw this.unexpected();
    this.i++;
  }

  private peek(): Token {
    return this.tokens[this.i];
  }

  /** The token `ahead` places after the current one, or EOF. */
  private peekAt(ahead: number): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)];
  }

  private advance(): Token {
    const t = this.tokens[this.i];
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  private unexpected(): Error {
    const t = this.peek();
    return unexpectedToken(t.text, this.site(t));
  }

  private site(t: Token): { text: string; pos: number } {
    return { text: this.text, pos: t.pos };
  }
}
