// The Bayeux meta channels over long-polling, answered the way Salesforce answers them. One call
// handles one HTTP request's batch of messages; only a /meta/connect sent alone is held.
import type { ChannelCatalog } from './channels.ts';
import {
  ERRORS,
  LONG_POLLING,
  META,
  authFailure,
  failure,
  replyTo,
  unknownClient,
  versionError,
  type BayeuxMessage,
} from './protocol.ts';
import { REPLAY_NEW, type LoggedEvent, type ReplayLog } from './replay-log.ts';
import { ClientSession, type Delivery, type SessionRegistry, type StreamingUser } from './sessions.ts';

/** The outcome of checking a request's Authorization header (error: a Salesforce 401 text). */
export type AuthOutcome = { user: StreamingUser } | { error: string };

export interface BayeuxRequest {
  messages: BayeuxMessage[];
  /** The API version from the /cometd/<version> path. */
  version: string | undefined;
  auth: AuthOutcome;
  /** Checks the token again when a held poll ends: a token revoked meanwhile must not get events. */
  reauthenticate: () => Promise<AuthOutcome>;
  /** Fires when the HTTP client went away, so a held poll releases without draining the queue. */
  signal?: AbortSignal;
}

export interface BayeuxDeps {
  sessions: SessionRegistry;
  log: ReplayLog;
  catalog: ChannelCatalog;
  longPollTimeoutMs: number;
  latestApiVersion: string;
  toDelivery: (channel: string, event: LoggedEvent) => Delivery;
  isClosed: () => boolean;
}

export class BayeuxEndpoint {
  readonly #deps: BayeuxDeps;

  constructor(deps: BayeuxDeps) {
    this.#deps = deps;
  }

  async handle(request: BayeuxRequest): Promise<BayeuxMessage[]> {
    const { messages, auth } = request;
    const replies: BayeuxMessage[] = [];
    const badVersion = versionError(request.version, this.#deps.latestApiVersion);
    const connects: BayeuxMessage[] = [];
    for (const message of messages) {
      if (badVersion) replies.push(failure(message, badVersion));
      else if (message.channel === META.connect) connects.push(message);
      else replies.push(this.#handleOther(message, auth));
    }
    // Connects go last so that events a subscribe in the same batch queued leave in this answer.
    // Held only when alone: a held connect would also hold the other replies of its batch
    // (faye marks such a connect with advice.timeout = 0).
    const mayHold = messages.length === 1 && connects[0]?.advice?.timeout !== 0;
    for (const message of connects) replies.push(...(await this.#connect(message, request, mayHold)));
    return replies;
  }

  #handleOther(message: BayeuxMessage, auth: AuthOutcome): BayeuxMessage {
    switch (message.channel) {
      case META.handshake:
        return this.#handshake(message, auth);
      case META.subscribe:
        return this.#withSession(message, auth, (session) => this.#subscribe(message, session));
      case META.unsubscribe:
        return this.#withSession(message, auth, (session) => this.#unsubscribe(message, session));
      case META.disconnect:
        return this.#disconnect(message);
      default:
        // Clients only listen: change events are published by the org, never over CometD.
        return failure(
          message,
          message.channel.startsWith('/meta/') ? ERRORS.unknownMetaChannel : ERRORS.publishDenied,
        );
    }
  }

  #handshake(message: BayeuxMessage, auth: AuthOutcome): BayeuxMessage {
    if ('error' in auth) {
      return replyTo(message, {
        successful: false,
        error: ERRORS.handshakeDenied,
        ext: { sfdc: { failureReason: auth.error } },
        advice: { reconnect: 'none' },
      });
    }
    const types = Array.isArray(message.supportedConnectionTypes) ? message.supportedConnectionTypes : [];
    if (!types.includes(LONG_POLLING)) return failure(message, ERRORS.invalidConnectionType(types.join(',')));
    const session = this.#deps.sessions.create(auth.user);
    return replyTo(message, {
      clientId: session.id,
      version: '1.0',
      minimumVersion: '1.0',
      supportedConnectionTypes: [LONG_POLLING],
      successful: true,
      ext: { replay: true, 'payload.format': true },
    });
  }

  /** Common checks of every message after the handshake: authentication, then the client id. */
  #session(message: BayeuxMessage, auth: AuthOutcome): ClientSession | BayeuxMessage {
    if ('error' in auth) return authFailure(message, auth.error);
    const session = this.#deps.sessions.get(message.clientId);
    if (!session) return unknownClient(message);
    if (session.user.userId !== auth.user.userId) return authFailure(message, ERRORS.authInvalid);
    this.#deps.sessions.touch(session);
    return session;
  }

  #withSession(
    message: BayeuxMessage,
    auth: AuthOutcome,
    then: (session: ClientSession) => BayeuxMessage,
  ): BayeuxMessage {
    const session = this.#session(message, auth);
    return session instanceof ClientSession ? then(session) : session;
  }

  #subscribe(message: BayeuxMessage, session: ClientSession): BayeuxMessage {
    const channel = message.subscription;
    if (typeof channel !== 'string' || channel === '') return failure(message, ERRORS.channelNotSpecified);
    if (!channel.startsWith('/')) return failure(message, ERRORS.leadingSlash);
    const { catalog, log, toDelivery } = this.#deps;
    if (!catalog.has(channel)) return failure(message, ERRORS.channelNotFound(channel));

    const replayMap = message.ext?.replay;
    let replayId = REPLAY_NEW;
    if (replayMap !== null && typeof replayMap === 'object') {
      const map = replayMap as Record<string, unknown>;
      if (!(channel in map)) return failure(message, ERRORS.replayChannelMissing(channel, map));
      replayId = Number(map[channel]);
    }
    const backlog = Number.isInteger(replayId) ? log.replayFrom(replayId) : null;
    if (!backlog) return failure(message, ERRORS.invalidReplayId((replayMap as Record<string, unknown>)[channel]));

    // Subscribing again to a channel already subscribed changes nothing, as in CometD.
    if (!session.subscriptions.has(channel)) {
      session.subscriptions.add(channel);
      for (const event of backlog) {
        if (catalog.carries(channel, event.entityName)) session.enqueue(toDelivery(channel, event));
      }
    }
    return replyTo(message, { clientId: session.id, subscription: channel, successful: true });
  }

  #unsubscribe(message: BayeuxMessage, session: ClientSession): BayeuxMessage {
    const channel = message.subscription;
    if (typeof channel !== 'string' || channel === '') return failure(message, ERRORS.channelNotSpecified);
    session.subscriptions.delete(channel);
    session.discard(channel);
    return replyTo(message, { clientId: session.id, subscription: channel, successful: true });
  }

  /** No token check: a client whose token was revoked may still leave cleanly. */
  #disconnect(message: BayeuxMessage): BayeuxMessage {
    if (!this.#deps.sessions.remove(message.clientId ?? '', 'disconnected')) return unknownClient(message);
    return replyTo(message, { clientId: message.clientId, successful: true });
  }

  async #connect(message: BayeuxMessage, request: BayeuxRequest, mayHold: boolean): Promise<BayeuxMessage[]> {
    const { sessions, longPollTimeoutMs, isClosed } = this.#deps;
    const session = this.#session(message, request.auth);
    if (!(session instanceof ClientSession)) return [session];
    if (message.connectionType !== LONG_POLLING)
      return [failure(message, ERRORS.invalidConnectionType(message.connectionType))];

    // The first connect is answered at once: it hands the client its advice (timeouts).
    const hold = mayHold && session.connected && !session.hasDeliveries && !isClosed();
    session.connected = true;
    if (hold) {
      const reason = await session.hold(longPollTimeoutMs, request.signal);
      if (reason === 'aborted') return [];
      if (reason === 'disconnected' || reason === 'replaced') return [this.#connectReply(message, session)];
      if (!sessions.isLive(session)) return [unknownClient(message)];
      const auth = await request.reauthenticate();
      if ('error' in auth) return [authFailure(message, auth.error)];
      sessions.touch(session);
    }
    return [...session.drain(), this.#connectReply(message, session)];
  }

  #connectReply(message: BayeuxMessage, session: ClientSession): BayeuxMessage {
    return replyTo(message, {
      clientId: session.id,
      successful: true,
      advice: { reconnect: 'retry', interval: 0, timeout: this.#deps.longPollTimeoutMs },
    });
  }
}
