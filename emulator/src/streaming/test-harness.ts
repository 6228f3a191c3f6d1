// Test support (imported by the specs only): a fastify app with the streaming server on a free
// port, and unmodified jsforce streaming clients that record what they see.
import Fastify, { type FastifyInstance } from 'fastify';
import formBody from '@fastify/formbody';
import { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/api/streaming';
import { StreamingServer, type StreamingServerOptions } from './server.ts';
import type { ChangeEventData, ChangeEventPayload } from './channels.ts';
import type { BayeuxMessage } from './protocol.ts';

export const API_VERSION = '66.0';
export const USER = { userId: '005000000000001AAA', orgId: '00D000000000001AAA' };

export interface Harness {
  url: string;
  app: FastifyInstance;
  streaming: StreamingServer;
  /** Valid tokens; delete one to revoke it. */
  tokens: Set<string>;
  /** Moves the server's clock (retention, client expiry). */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startHarness(
  options: Partial<StreamingServerOptions> = {},
  app: { formBody?: boolean } = {},
): Promise<Harness> {
  let offset = 0;
  const tokens = new Set(['good-token']);
  const streaming = new StreamingServer({
    entities: ['Opportunity', 'Account', 'User', 'UserRole'],
    authenticate: async (token) => (tokens.has(token) ? USER : null),
    longPollTimeoutMs: 2_000,
    clientTimeoutMs: 5_000,
    clock: () => Date.now() + offset,
    ...options,
  });
  const fastify = Fastify();
  // The emulator registers @fastify/formbody app-wide; the route must cope with its parsed bodies.
  if (app.formBody) await fastify.register(formBody);
  streaming.register(fastify);
  const url = await fastify.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    app: fastify,
    streaming,
    tokens,
    advance: (ms) => {
      offset += ms;
    },
    close: () => fastify.close(),
  };
}

/** A jsforce streaming client plus what it received. */
export interface TestClient {
  /** Data of every event delivered to the subscription handler. */
  received: ChangeEventData[];
  /** Every incoming meta message (after jsforce's extensions), in arrival order. */
  meta: BayeuxMessage[];
  /** Every outgoing message (after jsforce's extensions added their ext). */
  sent: BayeuxMessage[];
  /** Messages jsforce's AuthFailure extension reported. */
  authFailures: BayeuxMessage[];
  /** Settles with null when acknowledged, or the error jsforce's subscription rejects with. */
  subscribed: Promise<SubscribeOutcome>;
  /** Sets the Replay extension's id and subscribes again on the same client (recovery after a refusal). */
  resubscribe(replayId: number): Promise<SubscribeOutcome>;
  disconnect(): Promise<void>;
}

/** null when acknowledged; otherwise the faye error jsforce's subscription rejects with. */
export type SubscribeOutcome = null | { code: number | null; message: string };

export function connectClient(
  url: string,
  channel: string,
  replayId: number | null = -1,
  token = 'good-token',
): TestClient {
  const conn = new Connection({ instanceUrl: url, accessToken: token, version: API_VERSION });
  const received: ChangeEventData[] = [];
  const meta: BayeuxMessage[] = [];
  const authFailures: BayeuxMessage[] = [];
  const sent: BayeuxMessage[] = [];
  // Listed last so it sees what reaches faye after jsforce's extensions.
  const recorder = {
    incoming(message: BayeuxMessage, callback: (message: BayeuxMessage) => void) {
      if (message.channel.startsWith('/meta/')) meta.push(message);
      callback(message);
    },
    outgoing(message: BayeuxMessage, callback: (message: BayeuxMessage) => void) {
      sent.push(structuredClone(message));
      callback(message);
    },
  };
  const replay = new StreamingExtension.Replay(channel, replayId);
  const faye = conn.streaming.createClient([
    replay,
    new StreamingExtension.AuthFailure((message: BayeuxMessage) => authFailures.push(message)),
    recorder,
  ]);
  const subscribe = () =>
    new Promise<SubscribeOutcome>((resolve) => {
      faye
        .subscribe(channel, (data: ChangeEventData) => received.push(data))
        .then(
          () => resolve(null),
          (error: { code: number | null; message: string }) => resolve(error),
        );
    });
  return {
    received,
    meta,
    sent,
    authFailures,
    subscribed: subscribe(),
    resubscribe(id) {
      // The extension keeps sending the refused id until told otherwise; setReplay parses a string.
      replay.setReplay(String(id));
      return subscribe();
    },
    async disconnect() {
      // faye only sends /meta/disconnect from the connected state; its promise settles on the reply.
      // jsforce's typings of faye's Client omit disconnect(), which faye has.
      const publication = (faye as unknown as { disconnect(): PromiseLike<unknown> | undefined }).disconnect();
      if (publication) await new Promise((resolve) => publication.then(resolve, resolve));
    },
  };
}

/** Polls until `predicate` holds (events arrive asynchronously over long-polling). */
export async function waitFor(predicate: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let sequence = 0;

/** A minimal change event as the org would publish it. */
export function changeEvent(
  entityName: string,
  recordId: string,
  fields: Record<string, unknown> = {},
  changeType = 'UPDATE',
): ChangeEventPayload {
  sequence += 1;
  return {
    ChangeEventHeader: {
      entityName,
      recordIds: [recordId],
      changeType,
      changeOrigin: 'com/salesforce/api/rest/66.0',
      transactionKey: `0001-${sequence}`,
      sequenceNumber: 1,
      commitTimestamp: Date.now(),
      commitNumber: 1_000 + sequence,
      commitUser: USER.userId,
      changedFields: changeType === 'UPDATE' ? Object.keys(fields) : [],
      nulledFields: [],
      diffFields: [],
    },
    ...fields,
  };
}

/** Raw Bayeux over HTTP, for wire details jsforce does not expose. */
export async function bayeux(
  url: string,
  messages: unknown,
  init: { token?: string | null; path?: string; form?: boolean; signal?: AbortSignal } = {},
): Promise<{ status: number; body: BayeuxMessage[] }> {
  const headers: Record<string, string> = {};
  const token = init.token === undefined ? 'good-token' : init.token;
  if (token !== null) headers.authorization = `OAuth ${token}`;
  let body: string;
  if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams({ message: JSON.stringify(messages) }).toString();
  } else {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(messages);
  }
  const response = await fetch(`${url}${init.path ?? `/cometd/${API_VERSION}`}`, {
    method: 'POST',
    headers,
    body,
    signal: init.signal,
  });
  return { status: response.status, body: (await response.json()) as BayeuxMessage[] };
}

/** Handshakes over raw HTTP and returns the client id. */
export async function rawHandshake(url: string): Promise<string> {
  const { body } = await bayeux(url, [
    { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'], id: '1' },
  ]);
  if (!body[0]?.clientId) throw new Error(`handshake failed: ${JSON.stringify(body)}`);
  return body[0].clientId;
}
