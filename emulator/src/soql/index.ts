// The emulator's SOQL engine: parse a query, run it over a RecordSource, get REST-shaped records.

export type { QueryOptions, QueryResult, RecordSource } from './api.ts';
export type {
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
export { SoqlError } from './errors.ts';
export type { SoqlErrorCode } from './errors.ts';
export { executeSoql } from './execute.ts';
export { parseSoql } from './parser.ts';
