// OAuth 2.0 as Salesforce serves it to integrations: the JWT bearer flow (an RS256 assertion
// signed with the connected app's certificate), the refresh token flow, token revocation, userinfo
// and the identity URL.
import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { OrgStore } from '../org/store.ts';
import type { SessionStore } from './sessions.ts';

export interface ConnectedApp {
  /** The consumer key: the assertion's `iss`. */
  consumerKey: string;
  /** The PEM certificate or public key uploaded to the connected app. */
  certificate: string;
  /** The consumer secret; when set, the refresh token flow requires it ("Require Secret" on). */
  consumerSecret?: string;
}

export interface OAuthContext {
  store: OrgStore;
  sessions: SessionStore;
  connectedApp: ConnectedApp;
  baseUrl: () => string;
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const REFRESH_TOKEN = 'refresh_token';

function oauthError(reply: FastifyReply, error: string, description: string): FastifyReply {
  return reply.code(400).send({ error, error_description: description });
}

function findUser(store: OrgStore, username: string) {
  for (const user of store.scan('User')) if (user.Username === username) return user;
  return undefined;
}

export function registerOAuth(app: FastifyInstance, ctx: OAuthContext): void {
  /** The token endpoint's answer; `signature` (HMAC of id + issued_at) needs the consumer secret. */
  const tokenResponse = (userId: string, accessToken: string, scope: string) => {
    const base = ctx.baseUrl();
    const id = `${base}/id/${ctx.store.orgId}/${userId}`;
    const issuedAt = String(ctx.store.clock());
    const secret = ctx.connectedApp.consumerSecret;
    return {
      access_token: accessToken,
      ...(secret
        ? {
            signature: createHmac('sha256', secret)
              .update(id + issuedAt)
              .digest('base64'),
          }
        : {}),
      scope,
      instance_url: base,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    };
  };

  // Salesforce answers the refresh token flow without a new refresh token (no rotation configured).
  const refresh = (body: Record<string, string>, reply: FastifyReply) => {
    if (body.client_id !== ctx.connectedApp.consumerKey)
      return oauthError(reply, 'invalid_client_id', 'client identifier invalid');
    const secret = ctx.connectedApp.consumerSecret;
    if (secret !== undefined && body.client_secret !== secret)
      return oauthError(reply, 'invalid_client', 'invalid client credentials');
    const granted = body.refresh_token ? ctx.sessions.refresh(body.refresh_token, body.client_id) : undefined;
    if (!granted) return oauthError(reply, 'invalid_grant', 'expired access/refresh token');
    if (ctx.store.byId(granted.userId)?.IsActive !== true) {
      ctx.sessions.revoke(granted.accessToken);
      return oauthError(reply, 'invalid_grant', 'inactive user');
    }
    return tokenResponse(granted.userId, granted.accessToken, 'api refresh_token');
  };

  app.post('/services/oauth2/token', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string>;
    if (body.grant_type === REFRESH_TOKEN) return refresh(body, reply);
    if (body.grant_type !== JWT_BEARER) return oauthError(reply, 'unsupported_grant_type', 'grant type not supported');
    if (!body.assertion) return oauthError(reply, 'invalid_request', 'assertion is required');

    // decode throws on a payload that is not JSON, and returns a null payload for `null`.
    let unverified: jwt.Jwt | null = null;
    try {
      unverified = jwt.decode(body.assertion, { complete: true });
    } catch {
      unverified = null;
    }
    if (!unverified || !unverified.payload || typeof unverified.payload === 'string')
      return oauthError(reply, 'invalid_grant', 'invalid assertion');
    if (unverified.payload.iss !== ctx.connectedApp.consumerKey)
      return oauthError(reply, 'invalid_client_id', 'client identifier invalid');
    const audiences = [ctx.baseUrl(), 'https://login.salesforce.com', 'https://test.salesforce.com'];
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(body.assertion, ctx.connectedApp.certificate, { algorithms: ['RS256'] }) as jwt.JwtPayload;
    } catch (error) {
      const expired = error instanceof jwt.TokenExpiredError;
      return oauthError(reply, 'invalid_grant', expired ? 'expired authorization code' : 'invalid assertion');
    }
    if (!audiences.includes(String(claims.aud))) return oauthError(reply, 'invalid_grant', 'audience is invalid');
    if (typeof claims.exp !== 'number') return oauthError(reply, 'invalid_grant', 'invalid assertion');
    const user = typeof claims.sub === 'string' ? findUser(ctx.store, claims.sub) : undefined;
    if (!user || user.IsActive !== true)
      return oauthError(reply, 'invalid_grant', "user hasn't approved this consumer");

    // The JWT bearer flow never issues a refresh token: the client signs a new assertion instead.
    return tokenResponse(user.Id, ctx.sessions.issue(user.Id), 'api');
  });

  app.post('/services/oauth2/revoke', async (request, reply) => {
    const token =
      ((request.body ?? {}) as Record<string, string>).token ?? (request.query as Record<string, string>).token;
    if (!token || !ctx.sessions.revoke(token))
      return oauthError(reply, 'unsupported_token_type', 'this token type is not supported');
    return reply.code(200).send();
  });

  const identity = (userId: string) => {
    const user = ctx.store.byId(userId);
    if (!user) return undefined;
    const base = ctx.baseUrl();
    return {
      id: `${base}/id/${ctx.store.orgId}/${user.Id}`,
      user_id: user.Id,
      organization_id: ctx.store.orgId,
      username: user.Username,
      display_name: user.Name,
      email: user.Email,
      active: user.IsActive,
      urls: { rest: `${base}/services/data/v{version}/`, query: `${base}/services/data/v{version}/query/` },
    };
  };

  const bearer = (authorization: string | undefined) => authorization?.replace(/^(Bearer|OAuth)\s+/i, '');

  app.get('/services/oauth2/userinfo', async (request, reply) => {
    const session = ctx.sessions.resolve(bearer(request.headers.authorization) ?? '');
    if (!session) return reply.code(403).send('Bad_OAuth_Token');
    const who = identity(session.userId)!;
    return {
      sub: who.id,
      user_id: who.user_id,
      organization_id: who.organization_id,
      preferred_username: who.username,
      name: who.display_name,
      email: who.email,
      active: who.active,
    };
  });

  app.get<{ Params: { orgId: string; userId: string } }>('/id/:orgId/:userId', async (request, reply) => {
    const session = ctx.sessions.resolve(bearer(request.headers.authorization) ?? '');
    if (!session) return reply.code(403).send('Bad_OAuth_Token');
    const who = request.params.orgId === ctx.store.orgId ? identity(request.params.userId) : undefined;
    return who ?? reply.code(404).send('Bad_Id');
  });
}
