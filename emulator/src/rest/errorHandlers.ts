// Errors raised before any route runs (a body that is not JSON, too large, of an unknown type; an
// unknown path) answered in Salesforce's shapes rather than the web framework's, per API.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NOT_FOUND, sendErrors } from './errors.ts';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'JSON_PARSER_ERROR',
  413: 'JSON_PARSER_ERROR',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

function answer(request: FastifyRequest, reply: FastifyReply, status: number, message: string): FastifyReply {
  const path = request.url;
  if (path.startsWith('/services/oauth2/')) {
    return reply.code(400).send({ error: 'invalid_request', error_description: message });
  }
  if (path.startsWith('/cometd')) {
    return reply.code(400).send([{ channel: '', successful: false, error: `400::${message}` }]);
  }
  return sendErrors(reply, status, { errorCode: CODE_BY_STATUS[status] ?? 'UNKNOWN_EXCEPTION', message });
}

/** For Fastify's `frameworkErrors` option: errors found before routing, such as a malformed URL. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  answer(request, reply, error.statusCode && error.statusCode < 500 ? error.statusCode : 400, error.message);
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/services/oauth2/') || request.url.startsWith('/cometd')) {
      return answer(request, reply, 404, 'Not found');
    }
    return sendErrors(reply, 404, NOT_FOUND);
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status < 500) return answer(request, reply, status, error.message);
    request.log.error(error);
    return sendErrors(reply, 500, {
      errorCode: 'UNKNOWN_EXCEPTION',
      message: 'An unexpected error occurred. Please include this ErrorId if you contact support.',
    });
  });
}
