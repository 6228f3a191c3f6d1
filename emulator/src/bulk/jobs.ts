// The org's Bulk API 2.0 query jobs and their life: UploadComplete (queued) -> InProgress (the query runs
// and its snapshot is taken) -> JobComplete; Aborted by request. Jobs older than the retention period
// disappear, as Salesforce deletes them after seven days.
import { performance } from 'node:perf_hooks';
import type { OrgStore } from '../org/store.ts';
import { IdGenerator, to18 } from '../org/ids.ts';
import type { ColumnDelimiter, LineEnding } from './csv.ts';
import type { BulkPlan } from './plan.ts';
import { takeSnapshot, type ResultSet } from './snapshot.ts';

export type JobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';
export type QueryOperation = 'query' | 'queryAll';

export interface BulkOptions {
  /** How long a new job waits in the queue (UploadComplete) before it runs. Default 50 ms. */
  queuedMs?: number;
  /** How long a job stays InProgress after its query ran. Default 50 ms. */
  processingMs?: number;
  /** Records per results page when the request gives no maxRecords (Salesforce sizes pages by bytes). */
  defaultMaxRecords?: number;
  /** How long jobs are kept. Default 7 days, as Salesforce. */
  retentionMs?: number;
}

export interface QueryJob {
  id: string;
  operation: QueryOperation;
  object: string;
  createdById: string;
  createdDate: number;
  systemModstamp: number;
  state: JobState;
  /** '66.0': results must be fetched with the same version. */
  apiVersion: string;
  lineEnding: LineEnding;
  columnDelimiter: ColumnDelimiter;
  numberRecordsProcessed: number;
  retries: number;
  /** Milliseconds spent processing. */
  totalProcessingTime: number;
  plan: BulkPlan;
  results?: ResultSet;
  timer?: NodeJS.Timeout;
}

export type NewQueryJob = Pick<
  QueryJob,
  'operation' | 'createdById' | 'apiVersion' | 'lineEnding' | 'columnDelimiter' | 'plan'
>;

const DAY = 86_400_000;

export class QueryJobs {
  private readonly jobs = new Map<string, QueryJob>();
  private readonly ids = new IdGenerator();
  private readonly store: OrgStore;
  private readonly options: Required<BulkOptions>;

  constructor(store: OrgStore, options: BulkOptions = {}) {
    this.store = store;
    this.options = {
      queuedMs: options.queuedMs ?? 50,
      processingMs: options.processingMs ?? 50,
      defaultMaxRecords: options.defaultMaxRecords ?? 50_000,
      retentionMs: options.retentionMs ?? 7 * DAY,
    };
  }

  get defaultMaxRecords(): number {
    return this.options.defaultMaxRecords;
  }

  create(input: NewQueryJob): QueryJob {
    const now = this.now();
    const job: QueryJob = {
      ...input,
      id: this.ids.next('750'),
      object: input.plan.sobject.name,
      createdDate: now,
      systemModstamp: now,
      state: 'UploadComplete',
      numberRecordsProcessed: 0,
      retries: 0,
      totalProcessingTime: 0,
    };
    this.jobs.set(job.id, job);
    this.after(job, this.options.queuedMs, () => this.run(job));
    return job;
  }

  /** A job by its 15- or 18-character id. */
  get(id: string): QueryJob | undefined {
    this.expire();
    return /^[a-zA-Z0-9]{15}$/.test(id) ? this.jobs.get(to18(id)) : this.jobs.get(id);
  }

  list(): QueryJob[] {
    this.expire();
    return [...this.jobs.values()];
  }

  /** Only a job that has not finished can be aborted. */
  abort(job: QueryJob): boolean {
    if (job.state !== 'UploadComplete' && job.state !== 'InProgress') return false;
    clearTimeout(job.timer);
    job.results = undefined;
    this.moveTo(job, 'Aborted');
    return true;
  }

  /** Only a finished job (JobComplete, Aborted, Failed) can be deleted. */
  delete(job: QueryJob): boolean {
    if (job.state === 'UploadComplete' || job.state === 'InProgress') return false;
    this.jobs.delete(job.id);
    return true;
  }

  close(): void {
    for (const job of this.jobs.values()) clearTimeout(job.timer);
  }

  /** The job runs: its query's rows are fixed now; later writes do not change its results. */
  private run(job: QueryJob): void {
    this.moveTo(job, 'InProgress');
    const started = performance.now();
    try {
      job.results = takeSnapshot(job.plan, this.store, {
        includeDeleted: job.operation === 'queryAll',
        now: new Date(this.store.clock()),
      });
    } catch {
      this.moveTo(job, 'Failed');
      return;
    }
    this.after(job, this.options.processingMs, () => {
      job.numberRecordsProcessed = job.results?.size ?? 0;
      job.totalProcessingTime = Math.round(performance.now() - started);
      this.moveTo(job, 'JobComplete');
    });
  }

  private moveTo(job: QueryJob, state: JobState): void {
    job.state = state;
    job.systemModstamp = this.now();
  }

  private after(job: QueryJob, ms: number, step: () => void): void {
    job.timer = setTimeout(step, ms);
    job.timer.unref();
  }

  /** Salesforce's job timestamps are whole seconds. */
  private now(): number {
    return Math.floor(this.store.clock() / 1000) * 1000;
  }

  private expire(): void {
    const oldest = this.store.clock() - this.options.retentionMs;
    for (const job of this.jobs.values()) {
      if (job.createdDate >= oldest) continue;
      clearTimeout(job.timer);
      this.jobs.delete(job.id);
    }
  }
}
