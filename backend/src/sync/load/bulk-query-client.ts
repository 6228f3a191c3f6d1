// Bulk API 2.0 query jobs over HTTP with the jsforce connection's session. Jobs are created and
// polled through jsforce (it re-authenticates on 401 and retries 5xx); result pages are fetched
// with plain `fetch`, so a page's CSV reaches COPY as a stream instead of one string in memory.
// (jsforce's own `bulk2.query` breaks past the first locator page: jsforce issue #1546.)
import { PassThrough, Readable } from 'node:stream';
import type { Connection } from 'jsforce';

export type BulkJobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';

export interface BulkJobInfo {
  id: string;
  state: BulkJobState;
  object?: string;
  numberRecordsProcessed?: number;
  /** Salesforce explains Failed jobs here (when it does at all). */
  errorMessage?: string;
}

/** The job no longer exists: Salesforce deletes jobs after 7 days (the emulator on restart). */
export class BulkJobGone extends Error {}

/** The job ended Failed or Aborted: its results will never come; a new job is needed. */
export class BulkJobFailed extends Error {}

export interface ResultsPage {
  /** The locator of the page after this one; null on the last page. */
  nextLocator: string | null;
  /** Sforce-NumberOfRecords, when sent. */
  records?: number;
  /** The page's CSV: a header row, then one line per record. */
  body: Readable;
}

export interface BulkClientOptions {
  /** First wait between polls of a running job; it grows by `pollFactor` up to `pollMaxMs`. */
  pollInitialMs: number;
  pollMaxMs: number;
  pollFactor: number;
  /** Gives up on a job that has not finished after this long. */
  pollTimeoutMs: number;
  /** Retries of a result page on 5xx or a network error, waiting `retryDelayMs`, doubled each time. */
  retries: number;
  retryDelayMs: number;
  /** A result request that answers nothing (headers, or any bytes of the body) for this long fails. */
  requestTimeoutMs: number;
}

export const DEFAULT_BULK_CLIENT_OPTIONS: BulkClientOptions = {
  pollInitialMs: 200,
  pollMaxMs: 10_000,
  pollFactor: 1.5,
  pollTimeoutMs: 2 * 3_600_000,
  retries: 5,
  retryDelayMs: 500,
  requestTimeoutMs: 120_000,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const isNotFound = (error: unknown) => (error as { errorCode?: string })?.errorCode === 'NOT_FOUND';

export class BulkQueryClient {
  constructor(
    private readonly conn: Connection,
    private readonly options: BulkClientOptions = DEFAULT_BULK_CLIENT_OPTIONS,
  ) {}

  private url(suffix = ''): string {
    return `/services/data/v${this.conn.version}/jobs/query${suffix}`;
  }

  /** A queryAll job: deleted and archived rows come too, with IsDeleted = true. */
  async create(soql: string): Promise<BulkJobInfo> {
    return this.conn.request<BulkJobInfo>({
      method: 'POST',
      url: this.url(),
      body: JSON.stringify({
        operation: 'queryAll',
        query: soql,
        contentType: 'CSV',
        columnDelimiter: 'COMMA',
        lineEnding: 'LF',
      }),
      headers: { 'Content-Type': 'application/json' },
    });
  }

  async info(jobId: string): Promise<BulkJobInfo> {
    try {
      return await this.conn.request<BulkJobInfo>(this.url(`/${jobId}`));
    } catch (error) {
      if (isNotFound(error)) throw new BulkJobGone(`Bulk API job ${jobId} no longer exists`);
      throw error;
    }
  }

  /** Polls with growing waits until the job completes; Failed or Aborted is an error. */
  async waitUntilComplete(jobId: string, onPoll?: (info: BulkJobInfo) => void): Promise<BulkJobInfo> {
    const { pollInitialMs, pollMaxMs, pollFactor, pollTimeoutMs } = this.options;
    const deadline = Date.now() + pollTimeoutMs;
    for (let wait = pollInitialMs; ; wait = Math.min(pollMaxMs, wait * pollFactor)) {
      const info = await this.info(jobId);
      onPoll?.(info);
      if (info.state === 'JobComplete') return info;
      if (info.state === 'Failed' || info.state === 'Aborted') {
        const why = info.errorMessage ? `: ${info.errorMessage}` : '';
        throw new BulkJobFailed(`Bulk API job ${jobId} for ${info.object ?? 'the object'} ended ${info.state}${why}`);
      }
      if (Date.now() + wait > deadline)
        throw new Error(`Bulk API job ${jobId} did not finish within ${Math.round(pollTimeoutMs / 1000)} s`);
      await sleep(wait);
    }
  }

  /** One page of results, its body still unread. `locator` null is the first page. */
  async page(jobId: string, locator: string | null, maxRecords: number): Promise<ResultsPage> {
    const query = new URLSearchParams({ maxRecords: String(maxRecords) });
    if (locator) query.set('locator', locator);
    const url = `${this.conn.instanceUrl}${this.url(`/${jobId}/results`)}?${query}`;
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      const abort = new AbortController();
      const watchdog = new Watchdog(this.options.requestTimeoutMs, () =>
        abort.abort(new Error(`no answer for ${this.options.requestTimeoutMs} ms`)),
      );
      try {
        response = await fetch(url, {
          headers: { Authorization: `Bearer ${this.conn.accessToken}`, Accept: 'text/csv' },
          signal: abort.signal,
        });
      } catch (error) {
        watchdog.stop();
        // The network failed before any answer: safe to ask again.
        if (attempt < this.options.retries) {
          await sleep(this.options.retryDelayMs * 2 ** attempt);
          continue;
        }
        throw new Error(`Bulk API results of job ${jobId} could not be fetched: ${(error as Error).message}`);
      }
      if (response.ok && response.body) {
        const next = response.headers.get('sforce-locator');
        const count = response.headers.get('sforce-numberofrecords');
        return {
          nextLocator: next && next !== 'null' ? next : null,
          records: count === null ? undefined : Number(count),
          body: watchdog.watch(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream)),
        };
      }
      watchdog.stop();
      const text = await response.text().catch(() => '');
      if (response.status === 401 && !refreshed) {
        // jsforce re-authenticates when a request of its own meets the expired session.
        refreshed = true;
        await this.info(jobId);
        continue;
      }
      if (response.status === 404) throw new BulkJobGone(`Bulk API job ${jobId} no longer exists`);
      if (response.status === 400 && text.includes('INVALID_QUERY_LOCATOR'))
        throw new BulkJobGone(`Bulk API job ${jobId} refused the stored locator ${locator}`);
      if (response.status >= 500 && attempt < this.options.retries) {
        await sleep(this.options.retryDelayMs * 2 ** attempt);
        continue;
      }
      throw new Error(`Bulk API results of job ${jobId}: HTTP ${response.status} ${text.slice(0, 300)}`);
    }
  }
}

/** Aborts a request that stalls: before its headers, or between any two chunks of its body. */
class Watchdog {
  private timer: NodeJS.Timeout;

  constructor(
    private readonly ms: number,
    private readonly onStall: () => void,
  ) {
    this.timer = setTimeout(onStall, ms);
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  /** The body, passing through a stream that re-arms the timer on every chunk. */
  watch(body: Readable): Readable {
    const watched = new PassThrough({
      transform: (chunk, _encoding, done) => {
        this.timer.refresh();
        done(null, chunk);
      },
      flush: (done) => {
        this.stop();
        done();
      },
    });
    body.once('error', (error) => {
      this.stop();
      watched.destroy(error);
    });
    // Whoever gives up on the page (a failed COPY) ends the HTTP response too.
    watched.once('close', () => {
      this.stop();
      if (!body.readableEnded) body.destroy();
    });
    return body.pipe(watched);
  }
}
