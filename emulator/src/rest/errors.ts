// Salesforce's REST error shape: a JSON array of { message, errorCode[, fields] }.
import type { FastifyReply } from 'fastify';

export interface SalesforceError {
  message: string;
  errorCode: string;
  fields?: string[];
}

export function sendErrors(reply: FastifyReply, status: number, ...errors: SalesforceError[]): FastifyReply {
  return reply.code(status).type('application/json;charset=UTF-8').send(errors);
}

export const NOT_FOUND: SalesforceError = { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' };
export const INVALID_SESSION: SalesforceError = {
  errorCode: 'INVALID_SESSION_ID',
  message: 'Session expired or invalid',
};
