// Bulk API 2.0 query over HTTP, under /services/data/vXX.X/jobs/query (API 47.0 and later): create,
// list, get, abort and delete jobs, and page through a finished job's CSV results by locator.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VersionParams } from '../rest/context.ts';
import { NOT_FOUND, sendErrors } from '../rest/errors.ts';
import { SoqlError } from '../soql/index.ts';
import { csvPage } from './csv.ts';
import * as errors from './errors.ts';
import { abortedJob, createdJob, jobDetail, jobJson, listedJob } from './jobInfo.ts';
import { QueryJobs, type QueryJob } from './jobs.ts';
import { decodeLocator, encodeLocator } from './locator.ts';
import { BulkRefusal, planBulkQuery } from './plan.ts';
import { readQueryJobRequest } from './request.ts';

type JobParams = VersionParams & { jobId: string };
type ResultsQuery = { locator?: string; maxRecords?: string };

const FIRST_VERSION = 47;
const LIST_PAGE = 1000;

class BadJson extends Error {}

const sendJson = (reply: FastifyReply, body: unknown): FastifyReply =>
  reply.type('application/json;charset=UTF-8').send(jobJson(body));

export function queryJobRoutes(jobs: QueryJobs) {
  const versionOf = (request: FastifyRequest<{ Params: VersionParams }>) => request.params.version.slice(1);

  /** The job named in the path, or a 404 sent. */
  const jobOf = (request: FastifyRequest<{ Params: JobParams }>, reply: FastifyReply): QueryJob | undefined => {
    const job = jobs.get(request.params.jobId);
    if (!job) sendErrors(reply, 404, NOT_FOUND);
    return job;
  };

  const create = async (request: FastifyRequest<{ Params: VersionParams }>, reply: FastifyReply) => {
    const input = readQueryJobRequest(request.body);
    if (typeof input === 'string') return sendErrors(reply, 400, errors.invalidRequest(input));
    const apiVersion = versionOf(request);
    try {
      const plan = planBulkQuery(input.query, apiVersion);
      const { operation, columnDelimiter, lineEnding } = input;
      const createdById = request.session?.userId ?? '';
      return sendJson(
        reply,
        createdJob(jobs.create({ operation, columnDelimiter, lineEnding, apiVersion, createdById, plan })),
      );
    } catch (error) {
      if (error instanceof SoqlError)
        return sendErrors(reply, 400, { errorCode: error.errorCode, message: error.message });
      if (error instanceof BulkRefusal) return sendErrors(reply, 400, error.error);
      throw error;
    }
  };

  const list = async (
    request: FastifyRequest<{ Params: VersionParams; Querystring: { queryLocator?: string; jobType?: string } }>,
    reply: FastifyReply,
  ) => {
    const { queryLocator, jobType } = request.query;
    const offset = queryLocator === undefined ? 0 : decodeLocator(queryLocator);
    if (offset === undefined) return sendErrors(reply, 400, errors.INVALID_LOCATOR);
    // Classic (Bulk API 1.0) and V2Ingest jobs are not emulated.
    const all = jobType === undefined || jobType === 'V2Query' ? jobs.list() : [];
    const end = offset + LIST_PAGE;
    const done = end >= all.length;
    const next = `/services/data/${request.params.version}/jobs/query?queryLocator=${encodeLocator(end)}`;
    return sendJson(reply, {
      done,
      records: all.slice(offset, end).map(listedJob),
      nextRecordsUrl: done ? null : next,
    });
  };

  const get = async (request: FastifyRequest<{ Params: JobParams }>, reply: FastifyReply) => {
    const job = jobOf(request, reply);
    return job && sendJson(reply, jobDetail(job));
  };

  const patch = async (request: FastifyRequest<{ Params: JobParams }>, reply: FastifyReply) => {
    const job = jobOf(request, reply);
    if (!job) return;
    const state = (request.body as { state?: unknown } | null)?.state;
    if (state !== 'Aborted') return sendErrors(reply, 400, errors.invalidStateChange(state));
    if (!jobs.abort(job)) return sendErrors(reply, 400, errors.cannotAbort(job.state));
    return sendJson(reply, abortedJob(job));
  };

  const remove = async (request: FastifyRequest<{ Params: JobParams }>, reply: FastifyReply) => {
    const job = jobOf(request, reply);
    if (!job) return;
    if (!jobs.delete(job)) return sendErrors(reply, 400, errors.NOT_TERMINATED);
    return reply.code(204).send();
  };

  const results = async (
    request: FastifyRequest<{ Params: JobParams; Querystring: ResultsQuery }>,
    reply: FastifyReply,
  ) => {
    const job = jobOf(request, reply);
    if (!job) return;
    const asked = versionOf(request);
    if (asked !== job.apiVersion) return sendErrors(reply, 409, errors.versionConflict(job.apiVersion, asked));
    if (job.state !== 'JobComplete' || !job.results) return sendErrors(reply, 400, errors.resultsNotReady(job.state));
    const { locator, maxRecords } = request.query;
    const start = locator === undefined ? 0 : decodeLocator(locator);
    const size = job.results.size;
    if (start === undefined || (start > 0 && start >= size)) return sendErrors(reply, 400, errors.INVALID_LOCATOR);
    const max = maxRecords === undefined ? jobs.defaultMaxRecords : Number(maxRecords);
    if (!Number.isSafeInteger(max) || max < 1) {
      return sendErrors(reply, 400, errors.invalidRequest(`Invalid maxRecords: ${maxRecords}; use a positive integer`));
    }
    const end = Math.min(size, start + max);
    const { header, row } = job.results;
    return reply
      .type('text/csv')
      .header('Sforce-Locator', end < size ? encodeLocator(end) : 'null')
      .header('Sforce-NumberOfRecords', String(end - start))
      .send(csvPage(header, row, start, end, job));
  };

  return (scope: FastifyInstance) => {
    scope.register(async (bulk) => {
      bulk.addHook('onClose', async () => jobs.close());
      bulk.addHook('preHandler', async (request: FastifyRequest<{ Params: VersionParams }>, reply) => {
        if (Number.parseFloat(versionOf(request)) < FIRST_VERSION) return sendErrors(reply, 404, NOT_FOUND);
      });
      // JSON bodies: none is fine (DELETE, PATCH without one); bad JSON is Salesforce's error, not Fastify's.
      bulk.removeContentTypeParser('application/json');
      bulk.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
        if (body === '') return done(null, undefined);
        try {
          done(null, JSON.parse(body as string));
        } catch {
          done(new BadJson(), undefined);
        }
      });
      bulk.setErrorHandler((error: Error, _request, reply) => {
        if (error instanceof BadJson) return sendErrors(reply, 400, errors.JSON_PARSER_ERROR);
        throw error;
      });
      bulk.post('/jobs/query', create);
      bulk.get('/jobs/query', list);
      bulk.get('/jobs/query/:jobId', get);
      bulk.patch('/jobs/query/:jobId', patch);
      bulk.delete('/jobs/query/:jobId', remove);
      bulk.get('/jobs/query/:jobId/results', results);
    });
  };
}
