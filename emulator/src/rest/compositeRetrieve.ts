// sObject Collections retrieve-many: POST (or GET) /composite/sobjects/{type} with ids and fields
// answers the records in the order asked, null where a record does not exist or is deleted.
import type { FastifyReply } from 'fastify';
import { describeField, describeSObject } from '../org/schema.ts';
import { isSalesforceId } from '../org/ids.ts';
import { NOT_FOUND, sendErrors } from './errors.ts';
import type { RestContext } from './context.ts';

const MAX_RETRIEVE = 2_000;

export function tooMany(reply: FastifyReply, max: number) {
  return sendErrors(reply, 400, {
    errorCode: 'EXCEEDED_ID_LIMIT',
    message: `record limit reached. cannot submit more than ${max} records into this call`,
  });
}

export function retrieveMany(
  ctx: RestContext,
  reply: FastifyReply,
  version: string,
  type: string,
  ids: unknown,
  fields: unknown,
) {
  const describe = describeSObject(type);
  if (!describe) return sendErrors(reply, 404, NOT_FOUND);
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string'))
    return sendErrors(reply, 400, {
      errorCode: 'MISSING_ARGUMENT',
      message: 'ids: a list of record ids is required',
    });
  if (ids.length > MAX_RETRIEVE) return tooMany(reply, MAX_RETRIEVE);
  if (!Array.isArray(fields) || fields.length === 0 || fields.some((f) => typeof f !== 'string'))
    return sendErrors(reply, 400, {
      errorCode: 'MISSING_ARGUMENT',
      message: 'fields: a list of field names is required',
    });
  const names: string[] = [];
  for (const name of fields as string[]) {
    const field = describeField(describe, name);
    if (!field)
      return sendErrors(reply, 400, {
        errorCode: 'INVALID_FIELD',
        message: `No such column '${name}' on entity '${describe.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      });
    names.push(field.name);
  }
  return (ids as string[]).map((id) => {
    const record = isSalesforceId(id) ? ctx.store.get(describe.name, id) : undefined;
    if (!record || record.IsDeleted === true) return null;
    const url = `/services/data/${version}/sobjects/${describe.name}/${record.Id}`;
    return {
      attributes: { type: describe.name, url },
      ...Object.fromEntries(names.map((n) => [n, record[n] ?? null])),
    };
  });
}
