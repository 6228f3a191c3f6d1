import type { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/lib/api/streaming';

/** Every Change Data Capture event of the org's selected entities, in commit order. */
export const CHANGE_EVENTS_CHANNEL = '/data/ChangeEvents';

/** Salesforce refuses a replayId it no longer (or never) held with this error at subscribe. */
const INVALID_REPLAY = /^400::The replayId \{?-?\d+\}? you provided was invalid/;
const SUBSCRIBE_TIMEOUT_MS = 30_000;
const DISCONNECT_WAIT_MS = 2_000;

export class ReplayIdRefused extends Error {}

export interface ChangeStreamHandlers {
  onMessage(message: unknown): void;
  /** The session behind the client is no longer accepted: re-authenticate and subscribe again. */
  onAuthFailure(): void;
  /**
   * A later subscribe failed: faye re-subscribes by itself after a re-handshake (403::Unknown
   * client), from the last replayId it saw; that can be refused too.
   */
  onSubscribeFailed(error: Error): void;
}

/** The parts of faye's client we use (faye ships no typings of its own). */
interface FayeClient {
  subscribe(channel: string, onMessage: (message: unknown) => void): unknown;
  disconnect(): FayeDeferred | undefined;
  addExtension(extension: { incoming?: (message: BayeuxReply, callback: (m: BayeuxReply) => void) => void }): void;
}
interface FayeDeferred {
  callback(fn: () => void): void;
  errback(fn: () => void): void;
}
interface FayeSubscription {
  callback(fn: () => void): void;
  errback(fn: (error: { message?: string } | string) => void): void;
  cancel(): void;
}
interface BayeuxReply {
  channel?: string;
  successful?: boolean;
  error?: string;
  subscription?: string;
}

const errorOf = (text: string, channel: string): Error =>
  INVALID_REPLAY.test(text) ? new ReplayIdRefused(text) : new Error(`Subscribing to ${channel} failed: ${text}`);

/**
 * One CometD subscription to a Change Data Capture channel through jsforce's own client (faye),
 * starting after `replayFrom` (-1 new events only, -2 everything retained, or a stored replayId).
 * jsforce fixes the session token when the client is created, so a new session needs a new stream.
 */
export class ChangeStream {
  private client?: FayeClient;
  private subscription?: FayeSubscription;
  /** Ends an open() still waiting for its subscribe answer when the stream is closed meanwhile. */
  private abandon?: (error: Error) => void;

  async open(conn: Connection, channel: string, replayFrom: number, handlers: ChangeStreamHandlers): Promise<void> {
    const client = conn.streaming.createClient([
      new StreamingExtension.Replay(channel, replayFrom),
      new StreamingExtension.AuthFailure(() => handlers.onAuthFailure()),
    ]) as unknown as FayeClient;
    this.client = client;
    let subscribed = false;
    // Refusals of faye's own re-subscriptions only show as /meta/subscribe replies.
    client.addExtension({
      incoming: (message, callback) => {
        if (subscribed && message.channel === '/meta/subscribe' && message.successful === false)
          handlers.onSubscribeFailed(errorOf(String(message.error ?? 'unknown error'), channel));
        callback(message);
      },
    });
    const subscription = client.subscribe(channel, (message: unknown) =>
      handlers.onMessage(message),
    ) as unknown as FayeSubscription;
    this.subscription = subscription;
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        this.abandon = reject;
        timer = setTimeout(
          () => reject(new Error(`Subscribing to ${channel}: no answer in ${SUBSCRIBE_TIMEOUT_MS / 1000} s`)),
          SUBSCRIBE_TIMEOUT_MS,
        );
        subscription.callback(() => resolve());
        subscription.errback((error) => {
          const text = typeof error === 'string' ? error : (error?.message ?? String(error));
          reject(errorOf(text, channel));
        });
      });
      subscribed = true;
    } finally {
      clearTimeout(timer);
      this.abandon = undefined;
    }
  }

  /**
   * Tells the server we are leaving and waits (briefly) for its answer, which also ends the held
   * long-poll; otherwise faye keeps retrying that request against a server that may be gone.
   */
  async close(): Promise<void> {
    this.abandon?.(new Error('the stream was closed before its subscription was answered'));
    const client = this.client;
    this.subscription?.cancel();
    this.subscription = undefined;
    this.client = undefined;
    const leaving = client?.disconnect();
    if (!leaving) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => {
        leaving.callback(resolve);
        leaving.errback(resolve);
      }),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, DISCONNECT_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }
}
