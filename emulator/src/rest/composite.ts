// sObject Collections: create, update or delete up to 200 records (retrieve-many: see
// compositeRetrieve.ts) in one request. A request is one transaction (one commit, so its change events share a transactionKey);
// with allOrNone=false a failing record is rolled back on its own and reported in its place.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeSObject, SOBJECTS, type SObjectDescribe } from '../org/schema.ts';
import { isSalesforceId, to18 } from '../org/ids.ts';
import type { Transaction } from '../org/store.ts';
import { WriteError } from '../org/values.ts';
import { sendErrors } from './errors.ts';
import { retrieveMany, tooMany } from './compositeRetrieve.ts';
import type { RestContext, VersionParams } from './context.ts';

const MAX_WRITE = 200;

interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

type SaveResult = { id: string; success: true; errors: [] } | { success: false; errors: RecordError[] };

/** One record's write inside the request's transaction; returns the record's id. */
type Operation = (tx: Transaction) => string;

const ROLLED_BACK: RecordError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

/** Thrown inside the transaction to undo all of it when allOrNone is set and a record failed. */
const ROLL_BACK_ALL = Symbol('roll back all');

function run(ctx: RestContext, userId: string, operations: Operation[], allOrNone: boolean): SaveResult[] {
  const results: SaveResult[] = [];
  try {
    ctx.store.transact(userId, (tx) => {
      for (const operation of operations) {
        const rollback = tx.savepoint();
        try {
          results.push({ id: operation(tx), success: true, errors: [] });
        } catch (error) {
          if (!(error instanceof WriteError)) throw error;
          rollback();
          results.push({
            success: false,
            errors: [{ statusCode: error.errorCode, message: error.message, fields: error.fields }],
          });
        }
      }
      if (allOrNone && results.some((r) => !r.success)) throw ROLL_BACK_ALL;
    });
  } catch (error) {
    if (error !== ROLL_BACK_ALL) throw error;
    return results.map((r) => (r.success ? { success: false, errors: [ROLLED_BACK] } : r));
  }
  return results;
}

/** The record's sObject (from attributes.type) and its field values. */
function typed(record: unknown): { describe: SObjectDescribe; values: Record<string, unknown> } {
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    throw new WriteError('JSON_PARSER_ERROR', 'Each record must be a JSON object');
  const { attributes, ...values } = record as Record<string, unknown>;
  const type = (attributes as { type?: unknown } | undefined)?.type;
  if (typeof type !== 'string') throw new WriteError('INVALID_TYPE', 'Each record must name its type in attributes');
  const describe = describeSObject(type);
  if (!describe) throw new WriteError('INVALID_TYPE', `sObject type '${type}' is not supported.`);
  return { describe, values };
}

/** The sObject an id belongs to, by its key prefix. */
function ownerOf(id: unknown): SObjectDescribe | undefined {
  if (typeof id !== 'string' || !isSalesforceId(id)) return undefined;
  return SOBJECTS.find((s) => s.keyPrefix === id.slice(0, 3));
}

const create =
  (record: unknown): Operation =>
  (tx) => {
    const { describe, values } = typed(record);
    if ('Id' in values || 'id' in values)
      throw new WriteError('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']);
    return tx.create(describe.name, values);
  };

const update =
  (record: unknown): Operation =>
  (tx) => {
    const { describe, values } = typed(record);
    const { id, Id, ...fields } = values;
    const recordId = id ?? Id;
    if (typeof recordId !== 'string' || recordId === '')
      throw new WriteError('MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
    if (ownerOf(recordId)?.name !== describe.name)
      throw new WriteError('MALFORMED_ID', `${describe.label} ID: id value of incorrect type: ${recordId}`, ['Id']);
    tx.update(describe.name, recordId, fields);
    return to18(recordId);
  };

const destroy =
  (id: string): Operation =>
  (tx) => {
    const describe = ownerOf(id);
    if (!describe) throw new WriteError('MALFORMED_ID', `malformed id ${id}`);
    tx.delete(describe.name, id);
    return to18(id);
  };

type WriteBody = { allOrNone?: unknown; records?: unknown };

export function compositeRoutes(ctx: RestContext) {
  const write =
    (operationOf: (record: unknown) => Operation) => async (request: FastifyRequest, reply: FastifyReply) => {
      const { allOrNone, records } = (request.body ?? {}) as WriteBody;
      if (!Array.isArray(records))
        return sendErrors(reply, 400, {
          errorCode: 'JSON_PARSER_ERROR',
          message: 'records is required: a list of sObjects',
        });
      if (records.length > MAX_WRITE) return tooMany(reply, MAX_WRITE);
      return run(ctx, request.session!.userId, records.map(operationOf), allOrNone === true);
    };

  type TypeRequest = FastifyRequest<{
    Params: VersionParams & { type: string };
    Querystring: { ids?: string; fields?: string };
  }>;
  const list = (value: string | undefined) => (value === undefined ? undefined : value.split(',').filter(Boolean));

  return (scope: FastifyInstance) => {
    scope.post('/composite/sobjects', write(create));
    scope.patch('/composite/sobjects', write(update));
    scope.delete(
      '/composite/sobjects',
      async (request: FastifyRequest<{ Querystring: { ids?: string; allOrNone?: string } }>, reply) => {
        const ids = list(request.query.ids) ?? [];
        if (ids.length === 0)
          return sendErrors(reply, 400, {
            errorCode: 'MISSING_ARGUMENT',
            message: 'ids: a list of record ids is required',
          });
        if (ids.length > MAX_WRITE) return tooMany(reply, MAX_WRITE);
        const allOrNone = request.query.allOrNone?.toLowerCase() === 'true';
        return run(ctx, request.session!.userId, ids.map(destroy), allOrNone);
      },
    );
    scope.post('/composite/sobjects/:type', async (request: TypeRequest, reply) => {
      const { ids, fields } = (request.body ?? {}) as { ids?: unknown; fields?: unknown };
      return retrieveMany(ctx, reply, request.params.version, request.params.type, ids, fields);
    });
    scope.get('/composite/sobjects/:type', async (request: TypeRequest, reply) =>
      retrieveMany(
        ctx,
        reply,
        request.params.version,
        request.params.type,
        list(request.query.ids),
        list(request.query.fields),
      ),
    );
  };
}
