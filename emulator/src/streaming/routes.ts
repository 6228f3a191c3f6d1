// HTTP side of the CometD endpoint: POST /cometd/<version>[/<anything>], JSON or form-encoded
// `message=` bodies, the OAuth header, and an abort signal for held polls.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthOutcome, BayeuxEndpoint } from './bayeux.ts';
import { ERRORS, type BayeuxMessage } from './protocol.ts';
import type { StreamingUser } from './sessions.ts';

export type Authenticate = (token: string) => Promise<StreamingUser | null>;

const FORM = 'application/x-www-form-urlencoded';

export function registerCometdRoutes(app: FastifyInstance, endpoint: BayeuxEndpoint, authenticate: Authenticate): void {
  // Encapsulated, so the form parser added here (when the app has none) stays out of other routes.
  app.register(async (scope) => {
    if (!scope.hasContentTypeParser(FORM)) {
      scope.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => done(null, body));
    }
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const messages = parseMessages(request.body);
      if (!messages) return reply.code(400).send([{ channel: '', successful: false, error: ERRORS.badRequest }]);
      const token = bearerToken(request.headers.authorization);
      const check = (): Promise<AuthOutcome> => checkToken(token, authenticate);
      const aborted = new AbortController();
      // 'close' before the answer is written means the client gave up on this poll.
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) aborted.abort();
      });
      const replies = await endpoint.handle({
        messages,
        version: (request.params as { version?: string }).version,
        auth: await check(),
        reauthenticate: check,
        signal: aborted.signal,
      });
      return reply.type('application/json').send(replies);
    };
    scope.post('/cometd', handler);
    scope.post('/cometd/:version', handler);
    // The CometD JavaScript client may append the message type (/cometd/66.0/meta/connect).
    scope.post('/cometd/:version/*', handler);
  });
}

/** Salesforce accepts `Authorization: OAuth <token>` (what jsforce sends) and `Bearer <token>`. */
function bearerToken(header: string | undefined): string | null {
  const match = /^(?:OAuth|Bearer)\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}

async function checkToken(token: string | null, authenticate: Authenticate): Promise<AuthOutcome> {
  if (token === null) return { error: ERRORS.authRequired };
  const user = await authenticate(token);
  return user ? { user } : { error: ERRORS.authInvalid };
}

/** A Bayeux body: an array of messages, one message, or a form field `message` holding either. */
function parseMessages(body: unknown): BayeuxMessage[] | null {
  let value = body;
  if (typeof value === 'string') value = new URLSearchParams(value).get('message') ?? value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'message' in value) {
    value = (value as { message: unknown }).message;
  }
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  const messages = Array.isArray(value) ? value : [value];
  const valid = messages.every(
    (m) => m !== null && typeof m === 'object' && typeof (m as BayeuxMessage).channel === 'string',
  );
  return valid && messages.length > 0 ? (messages as BayeuxMessage[]) : null;
}
