// Bulk API 2.0 query jobs (query and queryAll), served beside the REST API.
import type { RestContext } from '../rest/context.ts';
import { QueryJobs, type BulkOptions } from './jobs.ts';
import { queryJobRoutes } from './routes.ts';

export type { BulkOptions } from './jobs.ts';

export function bulkQueryRoutes(ctx: RestContext, options: BulkOptions = {}) {
  return queryJobRoutes(new QueryJobs(ctx.store, options));
}
