// A load's place in sync_object_state: the Bulk API job and the locator of the next page, updated
// in the same transaction as each page's rows, so a crash resumes exactly after the last committed
// page. `bulk_job_id` set means a load is unfinished; it is cleared when the load completes.
export interface Queryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of whatever the SQL selects
  query(sql: string, params?: unknown[]): Promise<any>;
}

export interface LoadState {
  sobject: string;
  state: string;
  bulkJobId: string | null;
  /** The next page to fetch; null with pagesLoaded 0 is the first page. */
  nextLocator: string | null;
  pagesLoaded: number;
  recordsLoaded: number;
  /** Rows not synced since then are gone from the org (the sweep); kept when a load resumes. */
  loadStartedAt: Date | null;
}

const COLUMNS = `sobject, state, bulk_job_id, next_locator, pages_loaded, records_loaded, load_started_at`;

function stateOf(row: Record<string, unknown>): LoadState {
  return {
    sobject: row.sobject as string,
    state: row.state as string,
    bulkJobId: (row.bulk_job_id as string | null) ?? null,
    nextLocator: (row.next_locator as string | null) ?? null,
    pagesLoaded: Number(row.pages_loaded),
    recordsLoaded: Number(row.records_loaded),
    loadStartedAt: (row.load_started_at as Date | null) ?? null,
  };
}

export async function readLoadState(db: Queryable, sobject: string): Promise<LoadState | undefined> {
  const [row] = await db.query(`SELECT ${COLUMNS} FROM sync_object_state WHERE sobject = $1`, [sobject]);
  return row ? stateOf(row) : undefined;
}

/**
 * A new load from the first page. Its start time comes from the database's clock, as every
 * last_synced_at the load writes does (and in whole milliseconds, so it reads back exactly).
 */
export async function beginLoad(db: Queryable, sobject: string): Promise<LoadState> {
  const [row] = await db.query(
    `INSERT INTO sync_object_state (sobject, state, load_started_at)
     VALUES ($1, 'loading', date_trunc('milliseconds', now()))
     ON CONFLICT (sobject) DO UPDATE SET state = 'loading', bulk_job_id = NULL, next_locator = NULL,
       pages_loaded = 0, records_loaded = 0, load_started_at = EXCLUDED.load_started_at,
       last_error = NULL, updated_at = now()
     RETURNING ${COLUMNS}`,
    [sobject],
  );
  return stateOf(row);
}

export async function attachJob(db: Queryable, sobject: string, jobId: string): Promise<void> {
  await db.query(`UPDATE sync_object_state SET bulk_job_id = $2, updated_at = now() WHERE sobject = $1`, [
    sobject,
    jobId,
  ]);
}

export async function markResuming(db: Queryable, sobject: string): Promise<void> {
  await db.query(
    `UPDATE sync_object_state SET state = 'loading', last_error = NULL, updated_at = now() WHERE sobject = $1`,
    [sobject],
  );
}

/** In the page's transaction: the page is in, the next one is `nextLocator`. */
export async function recordPage(
  db: Queryable,
  sobject: string,
  nextLocator: string | null,
  records: number,
): Promise<void> {
  await db.query(
    `UPDATE sync_object_state SET next_locator = $2, pages_loaded = pages_loaded + 1,
       records_loaded = records_loaded + $3, updated_at = now() WHERE sobject = $1`,
    [sobject, nextLocator, records],
  );
}

/** In the last page's transaction: the load is complete. */
export async function completeLoad(db: Queryable, sobject: string): Promise<void> {
  await db.query(
    `UPDATE sync_object_state SET state = 'loaded', loaded_at = now(), bulk_job_id = NULL, next_locator = NULL,
       last_error = NULL, updated_at = now() WHERE sobject = $1`,
    [sobject],
  );
}

/** The load stopped. `dropJob` when the job can never deliver (Failed, Aborted): the next load starts anew. */
export async function failLoad(db: Queryable, sobject: string, message: string, dropJob: boolean): Promise<void> {
  await db.query(
    `UPDATE sync_object_state SET state = 'error', last_error = $2, updated_at = now(),
       bulk_job_id = CASE WHEN $3 THEN NULL ELSE bulk_job_id END WHERE sobject = $1`,
    [sobject, message, dropJob],
  );
}
