// The org's API allocations: every REST and Bulk request counts against DailyApiRequests over a
// rolling 24 hours (by the injectable clock); a spent allocation refuses requests with 403
// REQUEST_LIMIT_EXCEEDED; GET /limits reports the counters in Salesforce's shape.
import { Readable, Transform } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { SOBJECTS } from '../org/schema.ts';
import type { SalesforceError } from './errors.ts';
import type { RestContext } from './context.ts';
import { RollingCounter } from './rolling.ts';

const DAY_MS = 86_400_000;
const MB = 1_048_576;
/** Salesforce counts about 2 KB of data storage per record, whatever its fields. */
const RECORD_STORAGE_BYTES = 2_048;

export const REQUEST_LIMIT_EXCEEDED: SalesforceError = {
  errorCode: 'REQUEST_LIMIT_EXCEEDED',
  message: 'TotalRequests Limit exceeded.',
};

export interface ApiLimitsOptions {
  /** The org's daily API request allocation (Enterprise: 100,000 plus 1,000 per licence). */
  dailyApiRequests: number;
  clock: () => number;
}

export class ApiLimits {
  readonly dailyApiRequests: number;
  readonly #requests: RollingCounter;
  readonly #bulkQueryJobs: RollingCounter;
  readonly #bulkQueryBytes: RollingCounter;
  /** Usage added (or taken away) by fault injection, on top of the counted requests. */
  #injected = 0;

  constructor(options: ApiLimitsOptions) {
    if (!Number.isInteger(options.dailyApiRequests) || options.dailyApiRequests < 1)
      throw new Error(`dailyApiRequests must be a positive integer, got ${options.dailyApiRequests}`);
    this.dailyApiRequests = options.dailyApiRequests;
    this.#requests = new RollingCounter(DAY_MS, options.clock);
    this.#bulkQueryJobs = new RollingCounter(DAY_MS, options.clock);
    this.#bulkQueryBytes = new RollingCounter(DAY_MS, options.clock);
  }

  /** Counts one API request; false (and nothing counted) when the allocation is spent. */
  tryRequest(): boolean {
    if (this.remaining <= 0) return false;
    this.#requests.add();
    return true;
  }

  get used(): number {
    return Math.max(0, this.#requests.total + this.#injected);
  }

  get remaining(): number {
    return Math.max(0, this.dailyApiRequests - this.used);
  }

  /** The Sforce-Limit-Info header Salesforce adds to every REST response. */
  get limitInfo(): string {
    return `api-usage=${this.used}/${this.dailyApiRequests}`;
  }

  /** Fault injection: makes exactly `remaining` requests left now (0 = spent). */
  setRemaining(remaining: number): void {
    this.#injected = this.dailyApiRequests - remaining - this.#requests.total;
  }

  /** Ends fault injection: usage is the counted requests again. */
  clearInjected(): void {
    this.#injected = 0;
  }

  get injected(): boolean {
    return this.#injected !== 0;
  }

  recordBulkQueryJob(): void {
    this.#bulkQueryJobs.add();
  }

  recordBulkQueryResults(bytes: number): void {
    this.#bulkQueryBytes.add(bytes);
  }

  /** GET /limits, in Salesforce's shape: { Name: { Max, Remaining } }. */
  snapshot(extra: { records: number; streamingClients: number }): Record<string, { Max: number; Remaining: number }> {
    const limit = (max: number, used = 0) => ({ Max: max, Remaining: Math.max(0, max - used) });
    return {
      ConcurrentAsyncGetReportInstances: limit(200),
      ConcurrentSyncReportRuns: limit(20),
      DailyApiRequests: limit(this.dailyApiRequests, this.used),
      DailyAsyncApexExecutions: limit(250_000),
      DailyBulkApiBatches: limit(15_000),
      DailyBulkV2QueryFileStorageMB: limit(976_562, Math.ceil(this.#bulkQueryBytes.total / MB)),
      DailyBulkV2QueryJobs: limit(10_000, this.#bulkQueryJobs.total),
      DailyDurableStreamingApiEvents: limit(1_000_000),
      DataStorageMB: limit(10_240, Math.ceil((extra.records * RECORD_STORAGE_BYTES) / MB)),
      DurableStreamingApiConcurrentClients: limit(2_000, extra.streamingClients),
      FileStorageMB: limit(10_240),
      HourlyAsyncReportRuns: limit(1_200),
      HourlyDashboardRefreshes: limit(200),
      HourlyDashboardResults: limit(5_000),
      HourlySyncReportRuns: limit(500),
      MassEmail: limit(5_000),
      SingleEmail: limit(5_000),
      StreamingApiConcurrentClients: limit(2_000),
    };
  }
}

/** GET /services/data/vXX.X/limits. */
export function limitsRoutes(ctx: RestContext, streamingClients: () => number = () => 0) {
  return (scope: FastifyInstance) => {
    scope.get('/limits', async () => {
      let records = 0;
      for (const sobject of SOBJECTS) records += ctx.store.count(sobject.name);
      return ctx.limits?.snapshot({ records, streamingClients: streamingClients() }) ?? {};
    });
  };
}

/** The Bulk API 2.0 query allocations move with the Bulk routes' answers, whoever serves them. */
export function countBulkQueryUsage(scope: FastifyInstance, limits: ApiLimits): void {
  scope.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.url ?? '';
    if (reply.statusCode >= 300) return payload;
    if (request.method === 'POST' && /\/jobs\/query\/?$/.test(route)) limits.recordBulkQueryJob();
    if (request.method === 'GET' && /\/jobs\/query\/[^/]+\/results\/?$/.test(route)) return counted(payload, limits);
    return payload;
  });
}

function counted(payload: unknown, limits: ApiLimits): unknown {
  if (typeof payload === 'string') limits.recordBulkQueryResults(Buffer.byteLength(payload));
  else if (Buffer.isBuffer(payload)) limits.recordBulkQueryResults(payload.length);
  else if (payload instanceof Readable) {
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        limits.recordBulkQueryResults(chunk.length);
        callback(null, chunk);
      },
    });
    payload.on('error', (error) => counter.destroy(error));
    return payload.pipe(counter);
  }
  return payload;
}
