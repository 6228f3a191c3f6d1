// Development conveniences a real org gives through its UI: sign in as a user (as the web server
// flow would, with a refresh token for the connected app), and mint the per-user token that Pulse's
// Apex proxy signs with the org's certificate in a real org.
import jwt from 'jsonwebtoken';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { OrgStore } from '../org/store.ts';
import type { SessionStore } from '../auth/sessions.ts';

export interface ControlContext {
  store: OrgStore;
  sessions: SessionStore;
  /** PEM private key of the org's signing certificate; without it no user tokens are issued. */
  orgSigningKey?: string;
  /** The `aud` Pulse's backend expects. */
  pulseAudience: string;
  /** The connected app the session's refresh token is issued to (none without it). */
  consumerKey?: string;
}

const USER_TOKEN_LIFETIME_S = 300;

function activeUser(store: OrgStore, username: unknown) {
  if (typeof username !== 'string') return undefined;
  for (const user of store.scan('User')) if (user.Username === username && user.IsActive === true) return user;
  return undefined;
}

function badRequest(reply: FastifyReply, message: string) {
  return reply.code(400).send({ error: 'bad_request', message });
}

export function registerControl(app: FastifyInstance, ctx: ControlContext): void {
  app.post('/emulator/session', async (request, reply) => {
    const user = activeUser(ctx.store, (request.body as { username?: unknown } | null)?.username);
    if (!user) return badRequest(reply, 'username must name an active user of the org');
    const refreshToken = ctx.consumerKey ? ctx.sessions.issueRefreshToken(user.Id, ctx.consumerKey) : undefined;
    return { accessToken: ctx.sessions.issue(user.Id, refreshToken), refreshToken, userId: user.Id };
  });

  app.post('/emulator/user-token', async (request, reply) => {
    if (!ctx.orgSigningKey)
      return reply.code(404).send({ error: 'not_configured', message: 'the emulator has no org signing key' });
    const body = request.body as { username?: unknown; viewAll?: unknown } | null;
    const user = activeUser(ctx.store, body?.username);
    if (!user) return badRequest(reply, 'username must name an active user of the org');
    if (body?.viewAll !== undefined && typeof body.viewAll !== 'boolean')
      return badRequest(reply, 'viewAll must be true or false');
    const now = Math.floor(ctx.store.clock() / 1000);
    const token = jwt.sign(
      {
        iss: ctx.store.orgId,
        sub: user.Id,
        aud: ctx.pulseAudience,
        iat: now,
        nbf: now,
        exp: now + USER_TOKEN_LIFETIME_S,
        // What an org's proxy adds for holders of the Pulse_View_All_Data custom permission.
        ...(body?.viewAll === true ? { pulse_view_all: true } : {}),
      },
      ctx.orgSigningKey,
      { algorithm: 'RS256' },
    );
    return { token, expiresAt: new Date((now + USER_TOKEN_LIFETIME_S) * 1000).toISOString() };
  });
}
