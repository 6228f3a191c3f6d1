// REST query, queryAll and queryMore: results served in batches (Sforce-Query-Options batchSize)
// behind a locator, as Salesforce pages them.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { executeSoql, SoqlError } from '../soql/index.ts';
import { sendErrors } from './errors.ts';
import type { RestContext, VersionParams } from './context.ts';

const DEFAULT_BATCH = 2000;
const CURSOR_IDLE_MS = 15 * 60_000;

interface Cursor {
  records: Record<string, unknown>[];
  totalSize: number;
  batchSize: number;
  lastUsed: number;
}

/** Salesforce clamps batchSize to 200..2000. */
function batchSizeOf(request: FastifyRequest): number {
  const header = request.headers['sforce-query-options'];
  const match = typeof header === 'string' ? /batchSize=(\d+)/i.exec(header) : null;
  return match ? Math.min(2000, Math.max(200, Number(match[1]))) : DEFAULT_BATCH;
}

export function queryRoutes(ctx: RestContext) {
  const cursors = new Map<string, Cursor>();

  const page = (reply: FastifyReply, version: string, resource: string, id: string, cursor: Cursor, offset: number) => {
    const end = Math.min(offset + cursor.batchSize, cursor.records.length);
    const done = end >= cursor.records.length;
    cursor.lastUsed = Date.now();
    if (done) cursors.delete(id);
    return reply.send({
      totalSize: cursor.totalSize,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/${version}/${resource}/${id}-${end}` }),
      records: cursor.records.slice(offset, end),
    });
  };

  const run =
    (resource: 'query' | 'queryAll') =>
    async (request: FastifyRequest<{ Params: VersionParams; Querystring: { q?: string } }>, reply: FastifyReply) => {
      const soql = request.query.q;
      // `?q=a&q=b` arrives as an array: not a query Salesforce would run either.
      if (typeof soql !== 'string' || !soql)
        return sendErrors(reply, 400, { errorCode: 'MALFORMED_QUERY', message: 'A query string has to be specified' });
      for (const [id, cursor] of cursors) if (Date.now() - cursor.lastUsed > CURSOR_IDLE_MS) cursors.delete(id);
      try {
        const result = executeSoql(soql, ctx.store, {
          includeDeleted: resource === 'queryAll',
          apiVersion: request.params.version.slice(1),
          now: new Date(ctx.store.clock()),
        });
        const id = `01g${randomBytes(8).toString('hex')}`;
        const cursor: Cursor = {
          records: result.records,
          totalSize: result.totalSize,
          batchSize: batchSizeOf(request),
          lastUsed: Date.now(),
        };
        cursors.set(id, cursor);
        return page(reply, request.params.version, resource, id, cursor, 0);
      } catch (error) {
        if (error instanceof SoqlError)
          return sendErrors(reply, 400, { errorCode: error.errorCode, message: error.message });
        throw error;
      }
    };

  const more =
    (resource: 'query' | 'queryAll') =>
    async (request: FastifyRequest<{ Params: VersionParams & { locator: string } }>, reply: FastifyReply) => {
      const [id, offset] = request.params.locator.split('-');
      const cursor = cursors.get(id);
      if (!cursor || !/^\d+$/.test(offset ?? '')) {
        return sendErrors(reply, 400, { errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' });
      }
      return page(reply, request.params.version, resource, id, cursor, Number(offset));
    };

  return (scope: FastifyInstance) => {
    scope.get('/query', run('query'));
    scope.get('/queryAll', run('queryAll'));
    scope.get('/query/:locator', more('query'));
    scope.get('/queryAll/:locator', more('queryAll'));
  };
}
