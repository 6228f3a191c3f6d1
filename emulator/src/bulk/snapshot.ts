// Runs a job's query once, when the job runs, and keeps what its result pages need: the matching rows
// (references, not copies: the store replaces a record on every write, never edits it in place) and
// the parent records their Account.Name-style columns read. Pages are formatted from these on demand,
// so a job over a million rows holds a million references, not a million CSV lines.
import type { SObjectRecord } from '../org/schema.ts';
import type { Operand } from '../soql/index.ts';
import type { RecordSource } from '../soql/api.ts';
import { bindField, fieldGetter } from '../soql/bind.ts';
import type { MatchContext } from '../soql/matchers.ts';
import { sortRows } from '../soql/order.ts';
import { compileCondition } from '../soql/predicate.ts';
import type { BoundOperand } from '../soql/values.ts';
import { formatValue } from './csv.ts';
import type { BulkPlan } from './plan.ts';

export interface ResultSet {
  /** Header row: `Id`, `Name`, `Account.Name`… */
  header: string[];
  size: number;
  /** Row `index` as CSV field texts. */
  row(index: number): string[];
}

export interface SnapshotOptions {
  includeDeleted: boolean;
  now: Date;
}

export function takeSnapshot(plan: BulkPlan, source: RecordSource, options: SnapshotOptions): ResultSet {
  const rows = selectRows(plan, source, options);
  const parents = captureParents(plan, rows, source);
  const columns = plan.columns.map((bound) => {
    const get = fieldGetter(bound, parents);
    const type = bound.field.type;
    return (row: SObjectRecord) => formatValue(type, get(row));
  });
  return {
    header: plan.columns.map((bound) => bound.canonical),
    size: rows.length,
    row: (index) => columns.map((column) => column(rows[index])),
  };
}

/** The rows the query returns, in order: WHERE, the recycle bin unless queryAll, ORDER BY, LIMIT. */
function selectRows(plan: BulkPlan, source: RecordSource, options: SnapshotOptions): SObjectRecord[] {
  const { stmt, sobject, text } = plan;
  const operand = (expr: Operand): BoundOperand<SObjectRecord> => {
    const bound = bindField(sobject, expr as Extract<Operand, { kind: 'field' }>, text);
    const { field } = bound;
    return {
      get: fieldGetter(bound, source),
      type: field.type,
      label: field.name,
      picklistValues: field.picklistValues,
    };
  };
  const ctx: MatchContext = { text, now: options.now, fiscalYearStartMonth: 1 };
  const where = stmt.where ? compileCondition(stmt.where, operand, ctx) : null;
  const specs = stmt.orderBy.map((item) => ({
    operand: operand(item.expr),
    descending: item.descending,
    nulls: item.nulls,
  }));
  // Without ORDER BY the first LIMIT matches are the answer: stop scanning there.
  const stopAt = specs.length === 0 && stmt.limit !== null ? stmt.limit : Infinity;
  const matched: SObjectRecord[] = [];
  if (stopAt > 0) {
    for (const row of source.scan(sobject.name)) {
      if (!options.includeDeleted && row.IsDeleted === true) continue;
      if ((where === null || where(row)) && matched.push(row) >= stopAt) break;
    }
  }
  return sortRows(matched, specs, stmt.limit ?? undefined);
}

/** The parent records the rows' relationship columns reach now, so later writes leave the job unchanged. */
function captureParents(plan: BulkPlan, rows: SObjectRecord[], source: RecordSource): RecordSource {
  const seen = new Map<string, SObjectRecord>();
  const recording: RecordSource = {
    scan: () => [],
    byId(id) {
      const record = source.byId(id);
      if (record) seen.set(id, record);
      return record;
    },
  };
  const paths = plan.columns.filter((bound) => bound.hops.length > 0).map((bound) => fieldGetter(bound, recording));
  if (paths.length > 0) for (const row of rows) for (const walk of paths) walk(row);
  return { scan: () => [], byId: (id) => seen.get(id) };
}
