// A query job as JSON, in the field order and the shapes Salesforce's responses use: create, get one,
// list, abort. `apiVersion` is a JSON number written with its decimal (66.0), as Salesforce writes it.
import { formatDateTime } from '../org/values.ts';
import type { QueryJob } from './jobs.ts';

/** Objects Salesforce's Bulk API 2.0 chunks by primary key (from its documented list). */
const PK_CHUNKED = new Set(['Account', 'Contact', 'Opportunity', 'Task', 'Event']);

function base(job: QueryJob) {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: formatDateTime(job.createdDate),
    systemModstamp: formatDateTime(job.systemModstamp),
    state: job.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: job.apiVersion,
  };
}

/** POST /jobs/query */
export const createdJob = (job: QueryJob) => ({
  ...base(job),
  lineEnding: job.lineEnding,
  columnDelimiter: job.columnDelimiter,
});

/** GET /jobs/query (each record) */
export const listedJob = (job: QueryJob) => ({
  ...base(job),
  jobType: 'V2Query',
  lineEnding: job.lineEnding,
  columnDelimiter: job.columnDelimiter,
});

/** GET /jobs/query/{id} */
export const jobDetail = (job: QueryJob) => ({
  ...listedJob(job),
  numberRecordsProcessed: job.numberRecordsProcessed,
  retries: job.retries,
  totalProcessingTime: job.totalProcessingTime,
  isPkChunkingSupported: PK_CHUNKED.has(job.object),
});

/** PATCH /jobs/query/{id} {state: 'Aborted'} */
export const abortedJob = base;

/** JSON text with every `"apiVersion":"66.0"` written as the number 66.0. */
export function jobJson(body: unknown): string {
  return JSON.stringify(body).replace(/"apiVersion":"(\d+\.\d+)"/g, '"apiVersion":$1');
}
