import type { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/lib/api/streaming';

/** Salesforce refuses a replayId it no longer (or never) held with this error at subscribe. */
const INVALID_REPLAY = /^400::The replayId \{?-?\d+\}? you provided was invalid/;

export class ReplayIdRefused extends Error {}

export interface ChangeStreamHandlers {
  onMessage(message: unknown): void;
  /** The session behind the client is no longer accepted: re-authenticate and subscribe again. */
  onAuthFailure(): void;
}

/** The parts of faye's client we use (faye ships no typings of its own). */
interface FayeClient {
  subscribe(channel: string, onMessage: (message: unknown) => void): unknown;
  disconnect(): FayeDeferred | undefined;
}
interface FayeDeferred {
  callback(fn: () => void): void;
  errback(fn: () => void): void;
}

const DISCONNECT_WAIT_MS = 2_000;
interface FayeSubscription {
  callback(fn: () => void): void;
  errback(fn: (error: { message?: string } | string) => void): void;
  cancel(): void;
}

/**
 * One CometD subscription to a Change Data Capture channel through jsforce's own client (faye),
 * starting after `replayFrom` (-1 new events only, -2 everything retained, or a stored replayId).
 * jsforce fixes the session token when the client is created, so a new session needs a new stream.
 */
export class ChangeStream {
  private client?: FayeClient;
  private subscription?: FayeSubscription;

  async open(conn: Connection, channel: string, replayFrom: number, handlers: ChangeStreamHandlers): Promise<void> {
    this.client = conn.streaming.createClient([
      new StreamingExtension.Replay(channel, replayFrom),
      new StreamingExtension.AuthFailure(() => handlers.onAuthFailure()),
    ]) as unknown as FayeClient;
    const subscription = this.client.subscribe(channel, (message: unknown) =>
      handlers.onMessage(message),
    ) as unknown as FayeSubscription;
    this.subscription = subscription;
    await new Promise<void>((resolve, reject) => {
      subscription.callback(() => resolve());
      subscription.errback((error) => {
        const message = typeof error === 'string' ? error : (error?.message ?? String(error));
        reject(
          INVALID_REPLAY.test(message)
            ? new ReplayIdRefused(message)
            : new Error(`Subscribing to ${channel} failed: ${message}`),
        );
      });
    });
  }

  /**
   * Tells the server we are leaving and waits (briefly) for its answer, which also ends the held
   * long-poll; otherwise faye keeps retrying that request against a server that may be gone.
   */
  async close(): Promise<void> {
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
