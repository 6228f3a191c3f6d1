// Bulk API 2.0 query errors, in Salesforce's REST error shape. The delete refusal is Salesforce's
// documented text; the others use Bulk 2.0's documented error codes with messages of our own.
import type { SalesforceError } from '../rest/errors.ts';
import type { JobState } from './jobs.ts';

export const NOT_TERMINATED: SalesforceError = {
  errorCode: 'API_ERROR',
  message: 'Error encountered when deleting the job because the job is not terminated',
};

export const resultsNotReady = (state: JobState): SalesforceError => ({
  errorCode: 'INVALIDJOBSTATE',
  message: `Results are available only for a job in state JobComplete; this job is ${state}`,
});

export const cannotAbort = (state: JobState): SalesforceError => ({
  errorCode: 'INVALIDJOBSTATE',
  message: `A job in state ${state} can't be aborted`,
});

export const invalidStateChange = (state: unknown): SalesforceError => ({
  errorCode: 'INVALIDJOBSTATE',
  message: `Invalid state for a query job update: ${JSON.stringify(state)}; only Aborted is allowed`,
});

export const invalidRequest = (message: string): SalesforceError => ({ errorCode: 'API_ERROR', message });

/** Salesforce answers 409 when results are asked for under another API version than the job's. */
export const versionConflict = (created: string, asked: string): SalesforceError => ({
  errorCode: 'API_ERROR',
  message: `The job was created in API version ${created}; get its results with version ${created}, not ${asked}`,
});

export const INVALID_LOCATOR: SalesforceError = {
  errorCode: 'INVALID_QUERY_LOCATOR',
  message: 'invalid query locator',
};

export const JSON_PARSER_ERROR: SalesforceError = {
  errorCode: 'JSON_PARSER_ERROR',
  message: 'The request body is not valid JSON',
};
