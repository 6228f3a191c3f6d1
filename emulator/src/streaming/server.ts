// The Streaming API (CometD) of the emulated org, serving Change Data Capture channels: the one
// object the rest of the emulator talks to (publish events, mount routes, inject faults, close).
import type { FastifyInstance } from 'fastify';
import { BayeuxEndpoint } from './bayeux.ts';
import {
  ALL_CHANGE_EVENTS,
  ChannelCatalog,
  changeEventChannel,
  schemaId,
  type ChangeEventPayload,
} from './channels.ts';
import { ReplayLog, type LoggedEvent, type ReplayLogState } from './replay-log.ts';
import { registerCometdRoutes, type Authenticate } from './routes.ts';
import { SessionRegistry, type Delivery } from './sessions.ts';

export interface StreamingServerOptions {
  /** Entities selected for Change Data Capture (Opportunity, Account, Thing__c...). */
  entities: readonly string[];
  /** Resolves the access token of each request; null refuses it as Salesforce does. */
  authenticate: Authenticate;
  /** How long a /meta/connect is held when nothing happens (Salesforce: 110 s). */
  longPollTimeoutMs?: number;
  /** A client that does not poll again within this time is forgotten (Salesforce: 40 s). */
  clientTimeoutMs?: number;
  /** How long events stay replayable (Salesforce: 72 hours). */
  retentionMs?: number;
  /** Optional cap on retained events, to make old replayIds expire without moving the clock. */
  maxRetainedEvents?: number;
  /** Time source for retention and client expiry (default Date.now). */
  clock?: () => number;
  /** Version shown in Salesforce's "URI format" error texts (default 66.0). */
  apiVersion?: string;
}

const HOUR = 3_600_000;

export class StreamingServer {
  readonly #catalog: ChannelCatalog;
  readonly #log: ReplayLog;
  readonly #sessions: SessionRegistry;
  readonly #endpoint: BayeuxEndpoint;
  readonly #authenticate: Authenticate;
  readonly #sweeper: NodeJS.Timeout;
  #closed = false;

  constructor(options: StreamingServerOptions) {
    const longPollTimeoutMs = positive('longPollTimeoutMs', options.longPollTimeoutMs ?? 110_000);
    const clientTimeoutMs = positive('clientTimeoutMs', options.clientTimeoutMs ?? 40_000);
    const retentionMs = positive('retentionMs', options.retentionMs ?? 72 * HOUR);
    if (options.maxRetainedEvents !== undefined) positive('maxRetainedEvents', options.maxRetainedEvents);
    if (typeof options.authenticate !== 'function') throw new Error('StreamingServer: authenticate is required');
    const clock = options.clock ?? Date.now;

    this.#catalog = new ChannelCatalog(options.entities);
    this.#log = new ReplayLog({ retentionMs, maxEvents: options.maxRetainedEvents, clock });
    this.#sessions = new SessionRegistry({ clock, clientTimeoutMs });
    this.#authenticate = options.authenticate;
    this.#endpoint = new BayeuxEndpoint({
      sessions: this.#sessions,
      log: this.#log,
      catalog: this.#catalog,
      longPollTimeoutMs,
      latestApiVersion: options.apiVersion ?? '66.0',
      toDelivery,
      isClosed: () => this.#closed,
    });
    // Frees forgotten clients' memory; lookups also check expiry, so this only needs to be lazy.
    this.#sweeper = setInterval(() => this.#sessions.sweep(), Math.min(clientTimeoutMs, 10_000));
    this.#sweeper.unref();
  }

  /** Mounts POST /cometd/<version>. Call before the app starts listening. */
  register(app: FastifyInstance): void {
    registerCometdRoutes(app, this.#endpoint, this.#authenticate);
    // Held polls would otherwise keep app.close() waiting for the long-poll timeout.
    app.addHook('preClose', async () => this.close());
  }

  /**
   * Records a change event and queues it for every subscriber of /data/ChangeEvents and of its
   * entity's channel, in publish (commit) order. Returns its replayId.
   */
  publish(payload: ChangeEventPayload): number {
    const entityName = payload?.ChangeEventHeader?.entityName;
    if (!this.#catalog.isSelected(entityName)) {
      throw new Error(`StreamingServer: ${String(entityName)} is not selected for Change Data Capture`);
    }
    const event = this.#log.append({ entityName, schema: schemaId(entityName), payload: structuredClone(payload) });
    const channels = [ALL_CHANGE_EVENTS, changeEventChannel(entityName)];
    for (const session of this.#sessions.all()) {
      for (const channel of channels) {
        if (session.subscriptions.has(channel)) session.enqueue(toDelivery(channel, event));
      }
    }
    return event.replayId;
  }

  /** Forgets one client, or all: their next request gets 403::Unknown client (a server restart). */
  dropClient(clientId: string | 'all'): number {
    const ids = clientId === 'all' ? this.clientIds : [clientId];
    return ids.filter((id) => this.#sessions.remove(id, 'dropped')).length;
  }

  /** Makes every event up to `replayId` unreplayable, as if it had passed the retention window. */
  expireReplayLogThrough(replayId: number): void {
    this.#log.expireThrough(replayId);
  }

  /** The retained events and the replayId counter (persistence across restarts). */
  exportReplayLog(): ReplayLogState {
    return this.#log.exportState();
  }

  /** Restores a persisted replay log, so replayIds stored by clients before a restart stay valid. */
  restoreReplayLog(state: ReplayLogState): void {
    this.#log.restoreState(state);
  }

  /** Ids of the connected clients (diagnostics and tests). */
  get clientIds(): string[] {
    return this.#sessions.all().map((session) => session.id);
  }

  /** How many clients have a /meta/connect held right now. */
  get heldPolls(): number {
    return this.#sessions.all().filter((session) => session.isHolding).length;
  }

  /** The replayIds still retained, oldest first. */
  get retainedReplayIds(): number[] {
    return this.#log.replayIds;
  }

  get channels(): string[] {
    return this.#catalog.channels;
  }

  /** Answers every held poll now so the HTTP server can close fast; later connects are not held. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#sweeper);
    for (const session of this.#sessions.all()) session.wake('closed');
  }
}

function toDelivery(channel: string, event: LoggedEvent): Delivery {
  return { channel, data: { schema: event.schema, payload: event.payload, event: { replayId: event.replayId } } };
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`StreamingServer: ${name} must be a positive number, got ${value}`);
  return value;
}
