// What every REST route needs: the org, the caller's session, and the API version in the path.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OrgStore } from '../org/store.ts';
import type { Session, SessionStore } from '../auth/sessions.ts';
import { INVALID_SESSION, NOT_FOUND, sendErrors } from './errors.ts';
import { countBulkQueryUsage, REQUEST_LIMIT_EXCEEDED, type ApiLimits } from './limits.ts';

export interface RestContext {
  store: OrgStore;
  sessions: SessionStore;
  /** Highest API version served, e.g. '66.0'. */
  apiVersion: string;
  /** The org's API allocations; every authenticated request counts (none kept when absent). */
  limits?: ApiLimits;
}

declare module 'fastify' {
  interface FastifyRequest {
    session?: Session;
  }
}

export type VersionParams = { version: string };

/** The bearer token of a REST or CometD request (`Authorization: Bearer x` or `OAuth x`). */
export function bearerToken(request: FastifyRequest): string | undefined {
  return request.headers.authorization?.match(/^(?:Bearer|OAuth)\s+(.+)$/i)?.[1];
}

/** Version `v58.0` to `v<apiVersion>`, as the org serves them. */
export function isServedVersion(version: string, apiVersion: string): boolean {
  const match = /^v(\d+)\.0$/.exec(version);
  return match !== null && Number(match[1]) >= 20 && Number(match[1]) <= Number.parseFloat(apiVersion);
}

/**
 * Rejects unknown versions with 404, missing or expired sessions with 401 and requests past the
 * daily allocation with 403, as Salesforce does; counts the rest and says so in Sforce-Limit-Info.
 */
export function requireSession(ctx: RestContext) {
  return async (request: FastifyRequest<{ Params: VersionParams }>, reply: FastifyReply) => {
    if (!isServedVersion(request.params.version, ctx.apiVersion)) return sendErrors(reply, 404, NOT_FOUND);
    const session = ctx.sessions.resolve(bearerToken(request) ?? '');
    if (!session) return sendErrors(reply, 401, INVALID_SESSION);
    request.session = session;
    if (!ctx.limits) return;
    const allowed = ctx.limits.tryRequest();
    reply.header('Sforce-Limit-Info', ctx.limits.limitInfo);
    if (!allowed) return sendErrors(reply, 403, REQUEST_LIMIT_EXCEEDED);
  };
}

export function registerDataRoutes(
  app: FastifyInstance,
  ctx: RestContext,
  ...plugins: ((scope: FastifyInstance) => void)[]
): void {
  app.register(
    async (scope) => {
      scope.addHook('preHandler', requireSession(ctx));
      if (ctx.limits) countBulkQueryUsage(scope, ctx.limits);
      for (const plugin of plugins) plugin(scope);
    },
    { prefix: '/services/data/:version' },
  );
}
