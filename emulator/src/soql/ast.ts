// The parsed shape of a SOQL SELECT. Names are kept as written (case and all); binding them to the
// org's describe happens at execution. Every node keeps `pos`, its offset in the text, for errors.

/** `StageName`, `Owner.Name`, `Account.Owner.UserRole.Name`: relationship names, then a field. */
export interface FieldRef {
  kind: 'field';
  path: string[];
  pos: number;
}

export type AggregateFunction = 'COUNT' | 'COUNT_DISTINCT' | 'SUM' | 'AVG' | 'MIN' | 'MAX';

/** `SUM(Amount)`; `field` is null only for `COUNT()`. */
export interface AggregateCall {
  kind: 'aggregate';
  fn: AggregateFunction;
  field: FieldRef | null;
  pos: number;
}

/** What a condition or ORDER BY key can be about. */
export type Operand = FieldRef | AggregateCall;

export interface SelectItem {
  expr: Operand;
  alias: string | null;
  pos: number;
}

export type Literal =
  | { kind: 'string'; value: string; /** escapes untouched, for LIKE */ raw: string; pos: number }
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'boolean'; value: boolean; pos: number }
  | { kind: 'null'; pos: number }
  | { kind: 'date'; /** 'YYYY-MM-DD' */ value: string; pos: number }
  | { kind: 'datetime'; /** epoch milliseconds */ value: number; text: string; pos: number }
  | {
      kind: 'dateLiteral';
      /** upper-cased, e.g. 'THIS_QUARTER', 'LAST_N_DAYS' */ name: string;
      n: number | null;
      pos: number;
    };

export type StringLiteral = Extract<Literal, { kind: 'string' }>;

/** `<>` is parsed as `!=`. */
export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'and'; operands: Condition[]; pos: number }
  | { kind: 'or'; operands: Condition[]; pos: number }
  | { kind: 'not'; operand: Condition; pos: number }
  | { kind: 'compare'; left: Operand; op: ComparisonOperator; value: Literal; pos: number }
  | { kind: 'in'; left: Operand; negated: boolean; values: Literal[]; pos: number }
  | { kind: 'like'; left: Operand; pattern: StringLiteral; pos: number }
  /** INCLUDES (negated: false) or EXCLUDES (negated: true), for multi-select picklists. */
  | { kind: 'includes'; left: Operand; negated: boolean; values: StringLiteral[]; pos: number };

export interface OrderItem {
  expr: Operand;
  descending: boolean;
  /** null when not written: Salesforce then sorts nulls as the lowest value (first when ascending). */
  nulls: 'FIRST' | 'LAST' | null;
  pos: number;
}

export interface SelectStatement {
  select: SelectItem[];
  from: { name: string; pos: number };
  where: Condition | null;
  groupBy: FieldRef[];
  having: Condition | null;
  orderBy: OrderItem[];
  limit: number | null;
  offset: number | null;
}
