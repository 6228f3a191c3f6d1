// Checks a Bulk API 2.0 query when the job is created: SOQL errors exactly as REST reports them, then
// what Bulk 2.0 refuses (GROUP BY, OFFSET, aggregate functions, parent-to-child subqueries).
// Child-to-parent paths (Account.Name) are allowed, as are ORDER BY and LIMIT.
import type { SObjectDescribe } from '../org/schema.ts';
import type { SalesforceError } from '../rest/errors.ts';
import { executeSoql, parseSoql, type FieldRef, type SelectStatement } from '../soql/index.ts';
import { bindField, bindSObject, type BoundField } from '../soql/bind.ts';
import { tokenize } from '../soql/lexer.ts';

export interface BulkPlan {
  text: string;
  stmt: SelectStatement;
  sobject: SObjectDescribe;
  /** The result columns, in the order the job's API version writes them. */
  columns: BoundField[];
}

/** A query that is valid SOQL but that Bulk API 2.0 does not run. */
export class BulkRefusal extends Error {
  readonly error: SalesforceError;

  constructor(error: SalesforceError) {
    super(error.message);
    this.error = error;
  }
}

// Salesforce answers these with API_ERROR and "... not supported in Bulk V2 Query" (the subquery text is
// Salesforce's; the other messages follow its pattern).
const refuse = (what: string, suffix = ''): BulkRefusal =>
  new BulkRefusal({ errorCode: 'API_ERROR', message: `${what} not supported in Bulk V2 Query${suffix}` });

/** Validates `text` and binds its columns; throws SoqlError or BulkRefusal. */
export function planBulkQuery(text: string, apiVersion: string): BulkPlan {
  if (selectsChildRows(text)) throw refuse('Aggregate Relationships', ' with CSV content type');
  const stmt = parseSoql(text);
  if (stmt.select.some((item) => item.expr.kind === 'aggregate')) throw refuse('Aggregate functions are');
  if (stmt.groupBy.length > 0 || stmt.having !== null) throw refuse('GROUP BY is');
  if (stmt.offset !== null) throw refuse('OFFSET is');
  // Every other check (fields, relationships, WHERE literals, ORDER BY) is the REST query's own: run the
  // query over no rows so that the errors are identical.
  executeSoql(text, NO_ROWS, { includeDeleted: false, apiVersion });
  const sobject = bindSObject(stmt.from.name, text, stmt.from.pos);
  const columns = stmt.select.map((item) => bindField(sobject, item.expr as FieldRef, text));
  // Before API 50.0 Bulk 2.0 wrote columns in alphabetical order; since then, in SELECT order.
  if (Number.parseFloat(apiVersion) < 50) columns.sort((a, b) => a.canonical.localeCompare(b.canonical));
  return { text, stmt, sobject, columns };
}

const NO_ROWS = { scan: () => [], byId: () => undefined };

/** `SELECT Id, (SELECT Id FROM Contacts) FROM Account`: a `(SELECT` in the field list. */
function selectsChildRows(text: string): boolean {
  let tokens;
  try {
    tokens = tokenize(text);
  } catch {
    return false; // the parser reports the lexical error
  }
  let depth = 0;
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i];
    if (depth === 0 && token.upper === 'FROM') return false;
    if (token.text === '(') {
      if (tokens[i + 1]?.upper === 'SELECT') return true;
      depth++;
    } else if (token.text === ')') depth--;
  }
  return false;
}
