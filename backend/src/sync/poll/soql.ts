// SOQL text for the polling and reconciliation queries. Salesforce documents dateTime literals to
// the second (2026-03-31T12:00:00Z), so bounds are rounded down to whole seconds: a lower bound
// then reads a little more (the writes are idempotent), an upper bound a little less (the next
// run reads the rest).
import type { Connection } from 'jsforce';
import { columnValue } from '../../mirror/column-values';
import type { SalesforceRecord } from '../../mirror/mirror-writer';

/** A dateTime literal, rounded down to the second. */
export function soqlDateTime(at: Date): string {
  return new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A dateTime as Salesforce returns it ('2026-03-31T12:00:00.000+0000'). */
export function salesforceDateTime(value: unknown): Date {
  return new Date(columnValue('timestamptz', value, 'SystemModstamp') as string);
}

/** An Id literal; anything but letters and digits is dropped, so a value can never escape the quotes. */
export function soqlId(id: string): string {
  return `'${id.replace(/[^a-zA-Z0-9]/g, '')}'`;
}

/** `SELECT COUNT() ...`: the number of matching rows (queryAll when `all`, recycle bin included). */
export async function soqlCount(conn: Connection, soql: string, all = false): Promise<number> {
  return (await conn.query(soql, { scanAll: all })).totalSize;
}

/** Every record of a query, page by page (queryMore), without holding more than one page. */
export async function* soqlPages<T extends Record<string, unknown> = SalesforceRecord>(
  conn: Connection,
  soql: string,
  all: boolean,
): AsyncGenerator<T[]> {
  let page = await conn.query<T>(soql, { scanAll: all });
  for (;;) {
    yield page.records;
    if (page.done || !page.nextRecordsUrl) return;
    page = await conn.queryMore<T>(page.nextRecordsUrl);
  }
}
