// sObject rows over REST: read, create, update and delete one record, and describe, each write
// one transaction (so one set of change events).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeSObject, SOBJECTS, type SObjectDescribe } from '../org/schema.ts';
import { WriteError } from '../org/values.ts';
import { NOT_FOUND, sendErrors } from './errors.ts';
import type { RestContext, VersionParams } from './context.ts';

type TypeParams = VersionParams & { type: string };
type RecordParams = TypeParams & { id: string };

function describeOf(describe: SObjectDescribe) {
  return {
    name: describe.name,
    label: describe.label,
    labelPlural: describe.labelPlural,
    keyPrefix: describe.keyPrefix,
    queryable: true,
    createable: describe.createable ?? true,
    updateable: describe.updateable ?? true,
    deletable: describe.deletable ?? true,
    fields: describe.fields.map((f) => ({
      name: f.name,
      label: f.label,
      type: f.type,
      nillable: f.nillable,
      createable: !f.readOnly,
      updateable: !f.readOnly,
      referenceTo: f.referenceTo ?? [],
      relationshipName: f.relationshipName ?? null,
      picklistValues: (f.picklistValues ?? []).map((value) => ({
        value,
        label: value,
        active: true,
        defaultValue: false,
      })),
    })),
  };
}

function writeError(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof WriteError) {
    const status = error.errorCode === 'NOT_FOUND' || error.errorCode === 'ENTITY_IS_DELETED' ? 404 : 400;
    return sendErrors(reply, status, { errorCode: error.errorCode, message: error.message, fields: error.fields });
  }
  throw error;
}

export function sobjectRoutes(ctx: RestContext) {
  const url = (version: string, type: string, id: string) => `/services/data/${version}/sobjects/${type}/${id}`;
  const known = (request: FastifyRequest<{ Params: TypeParams }>, reply: FastifyReply) => {
    const describe = describeSObject(request.params.type);
    if (!describe) sendErrors(reply, 404, { errorCode: 'NOT_FOUND', message: `The requested resource does not exist` });
    return describe;
  };

  return (scope: FastifyInstance) => {
    scope.get('/sobjects', async () => ({
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: SOBJECTS.map((s) => ({ name: s.name, label: s.label, keyPrefix: s.keyPrefix, queryable: true })),
    }));

    scope.get('/sobjects/:type/describe', async (request: FastifyRequest<{ Params: TypeParams }>, reply) => {
      const describe = known(request, reply);
      return describe ? describeOf(describe) : reply;
    });

    scope.get('/sobjects/:type/:id', async (request: FastifyRequest<{ Params: RecordParams }>, reply) => {
      const describe = known(request, reply);
      if (!describe) return reply;
      const record = ctx.store.get(describe.name, request.params.id);
      if (!record || record.IsDeleted === true) return sendErrors(reply, 404, NOT_FOUND);
      return {
        attributes: { type: describe.name, url: url(request.params.version, describe.name, record.Id) },
        ...record,
      };
    });

    scope.post('/sobjects/:type', async (request: FastifyRequest<{ Params: TypeParams }>, reply) => {
      const describe = known(request, reply);
      if (!describe) return reply;
      try {
        const id = ctx.store.transact(request.session!.userId, (tx) =>
          tx.create(describe.name, (request.body ?? {}) as Record<string, unknown>),
        );
        return reply.code(201).send({ id, success: true, errors: [] });
      } catch (error) {
        return writeError(reply, error);
      }
    });

    scope.patch('/sobjects/:type/:id', async (request: FastifyRequest<{ Params: RecordParams }>, reply) => {
      const describe = known(request, reply);
      if (!describe) return reply;
      try {
        ctx.store.transact(request.session!.userId, (tx) =>
          tx.update(describe.name, request.params.id, (request.body ?? {}) as Record<string, unknown>),
        );
        return reply.code(204).send();
      } catch (error) {
        return writeError(reply, error);
      }
    });

    scope.delete('/sobjects/:type/:id', async (request: FastifyRequest<{ Params: RecordParams }>, reply) => {
      const describe = known(request, reply);
      if (!describe) return reply;
      try {
        ctx.store.transact(request.session!.userId, (tx) => tx.delete(describe.name, request.params.id));
        return reply.code(204).send();
      } catch (error) {
        return writeError(reply, error);
      }
    });
  };
}
