// Runs a query: parse, bind to the describe, compile WHERE once, then one pass over the sObject's rows.
// Plain queries sort and page raw rows and shape only the page; aggregate queries go to aggregate.ts.

import type { SObjectDescribe, SObjectRecord } from '../org/schema.ts';
import { runAggregate } from './aggregate.ts';
import type { QueryOptions, QueryResult, RecordSource } from './api.ts';
import type { Operand, SelectStatement } from './ast.ts';
import { bindField, bindSObject, fieldGetter } from './bind.ts';
import type { BoundField } from './bind.ts';
import { SoqlError } from './errors.ts';
import type { MatchContext } from './matchers.ts';
import { sortRows } from './order.ts';
import { parseSoql } from './parser.ts';
import { compileCondition } from './predicate.ts';
import { projector } from './project.ts';
import type { BoundOperand } from './values.ts';

export function executeSoql(text: string, source: RecordSource, options: QueryOptions): QueryResult {
  const stmt = parseSoql(text);
  const sobject = bindSObject(stmt.from.name, text, stmt.from.pos);
  const ctx: MatchContext = {
    text,
    now: options.now ?? new Date(),
    fiscalYearStartMonth: options.fiscalYearStartMonth ?? 1,
  };
  const recordOperand = (operand: Operand): BoundOperand<SObjectRecord> =>
    bindRecordOperand(sobject, operand, source, text);

  const where = stmt.where ? compileCondition(stmt.where, recordOperand, ctx) : null;
  const includeDeleted = options.includeDeleted;
  const accept = (row: SObjectRecord): boolean =>
    (includeDeleted || row.IsDeleted !== true) && (where === null || where(row));
  const rows = source.scan(sobject.name);
  const result = (records: Record<string, unknown>[], totalSize = records.length): QueryResult => ({
    sobject: sobject.name,
    totalSize,
    records,
  });

  const countOnly =
    stmt.select.length === 1 && stmt.select[0].expr.kind === 'aggregate' && stmt.select[0].expr.field === null;
  if (countOnly && stmt.groupBy.length === 0 && stmt.having === null) {
    // SELECT COUNT(): the count is totalSize and there are no records; LIMIT and OFFSET cap it.
    let count = 0;
    for (const row of rows) if (accept(row)) count++;
    return result([], page(count, stmt));
  }
  const aggregate =
    stmt.groupBy.length > 0 || stmt.having !== null || stmt.select.some((i) => i.expr.kind === 'aggregate');
  if (aggregate) {
    const records = runAggregate(stmt, sobject, rows, accept, source, ctx);
    return countOnly ? result([], records.length) : result(records);
  }

  const fields = selectFields(stmt, sobject, text);
  const sortSpecs = stmt.orderBy.map((item) => {
    const operand = recordOperand(item.expr);
    if (operand.type === 'multipicklist') {
      throw new SoqlError('INVALID_FIELD', `field '${operand.label}' can not be sorted in a query call`, {
        text,
        pos: item.pos,
      });
    }
    return { operand, descending: item.descending, nulls: item.nulls };
  });
  const offset = stmt.offset ?? 0;
  // Without ORDER BY the first OFFSET + LIMIT matches are the answer: stop scanning there.
  const stopAt = sortSpecs.length === 0 && stmt.limit !== null ? offset + stmt.limit : Infinity;
  const matched: SObjectRecord[] = [];
  if (stopAt > 0) {
    for (const row of rows) {
      if (accept(row) && matched.push(row) >= stopAt) break;
    }
  }
  const end = stmt.limit === null ? undefined : offset + stmt.limit;
  const pageRows = sortRows(matched, sortSpecs, end).slice(offset);
  const shape = projector(sobject, fields, source, options.apiVersion);
  return result(pageRows.map(shape));
}

function page(count: number, stmt: SelectStatement): number {
  const afterOffset = Math.max(0, count - (stmt.offset ?? 0));
  return stmt.limit === null ? afterOffset : Math.min(afterOffset, stmt.limit);
}

function bindRecordOperand(
  sobject: SObjectDescribe,
  operand: Operand,
  source: RecordSource,
  text: string,
): BoundOperand<SObjectRecord> {
  if (operand.kind === 'aggregate') {
    throw new SoqlError('MALFORMED_QUERY', `Aggregate functions are not allowed in this clause: ${operand.fn}`, {
      text,
      pos: operand.pos,
    });
  }
  const bound = bindField(sobject, operand, text);
  return {
    get: fieldGetter(bound, source),
    type: bound.field.type,
    label: bound.field.name,
    picklistValues: bound.field.picklistValues,
  };
}

/** The SELECT list of a non-aggregate query: plain fields, each once, without aliases. */
function selectFields(stmt: SelectStatement, sobject: SObjectDescribe, text: string): BoundField[] {
  const seen = new Set<string>();
  return stmt.select.map((item) => {
    if (item.alias !== null) {
      throw new SoqlError('MALFORMED_QUERY', `Only aggregate expressions use field aliasing`, { text, pos: item.pos });
    }
    const bound = bindField(sobject, item.expr as Extract<Operand, { kind: 'field' }>, text);
    const key = bound.canonical.toLowerCase();
    if (seen.has(key))
      throw new SoqlError('MALFORMED_QUERY', `duplicate field selected: ${bound.canonical}`, { text, pos: item.pos });
    seen.add(key);
    return bound;
  });
}
