// Bayeux client sessions: one per handshake, each with its own subscriptions and its own queue
// of deliveries, so every subscriber gets its own replay stream. A session that stops polling
// expires (Salesforce: 40 s after its last answer) and is then an "Unknown client".
import { randomBytes } from 'node:crypto';
import type { ChangeEventData } from './channels.ts';

export interface Delivery {
  channel: string;
  data: ChangeEventData;
}

export interface StreamingUser {
  userId: string;
  orgId: string;
}

/** Why a held /meta/connect ended. */
export type WakeReason = 'event' | 'timeout' | 'replaced' | 'dropped' | 'disconnected' | 'closed' | 'aborted';

interface HeldPoll {
  wake(reason: WakeReason): void;
}

export class ClientSession {
  readonly id: string;
  readonly user: StreamingUser;
  readonly subscriptions = new Set<string>();
  lastSeen: number;
  /** False until the first /meta/connect, which is answered at once to hand out the advice. */
  connected = false;
  #queue: Delivery[] = [];
  #held: HeldPoll | null = null;
  #wakeScheduled = false;

  constructor(user: StreamingUser, now: number) {
    // Salesforce client ids look like "1q1ib66fvm7kli1gfoauu95i78g": 27 base-36 characters.
    this.id = BigInt(`0x${randomBytes(18).toString('hex')}`)
      .toString(36)
      .padStart(27, '0')
      .slice(-27);
    this.user = user;
    this.lastSeen = now;
  }

  get isHolding(): boolean {
    return this.#held !== null;
  }

  get hasDeliveries(): boolean {
    return this.#queue.length > 0;
  }

  enqueue(delivery: Delivery): void {
    this.#queue.push(delivery);
    // Deferred so that the events of one transaction, published in one go, leave in one answer.
    if (this.#held && !this.#wakeScheduled) {
      this.#wakeScheduled = true;
      setImmediate(() => {
        this.#wakeScheduled = false;
        this.wake('event');
      });
    }
  }

  drain(): Delivery[] {
    const deliveries = this.#queue;
    this.#queue = [];
    return deliveries;
  }

  /** Forgets queued deliveries of a channel the client left. */
  discard(channel: string): void {
    this.#queue = this.#queue.filter((delivery) => delivery.channel !== channel);
  }

  /** Holds a /meta/connect until something is queued, the timeout passes, or the poll is ended. */
  hold(timeoutMs: number, signal?: AbortSignal): Promise<WakeReason> {
    // A newer connect supersedes a held one, as in CometD: answer the old one empty.
    this.wake('replaced');
    return new Promise<WakeReason>((resolve) => {
      const onAbort = () => held.wake('aborted');
      const timer = setTimeout(() => held.wake('timeout'), timeoutMs);
      const held: HeldPoll = {
        wake: (reason) => {
          if (this.#held !== held) return;
          this.#held = null;
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(reason);
        },
      };
      this.#held = held;
      if (signal?.aborted) return held.wake('aborted');
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  wake(reason: WakeReason): void {
    this.#held?.wake(reason);
  }
}

export class SessionRegistry {
  readonly #sessions = new Map<string, ClientSession>();
  readonly #clock: () => number;
  readonly #timeoutMs: number;

  constructor(options: { clock: () => number; clientTimeoutMs: number }) {
    this.#clock = options.clock;
    this.#timeoutMs = options.clientTimeoutMs;
  }

  create(user: StreamingUser): ClientSession {
    const session = new ClientSession(user, this.#clock());
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The live session, or undefined when unknown or expired (checked here so a fake clock works). */
  get(clientId: string | undefined): ClientSession | undefined {
    const session = clientId === undefined ? undefined : this.#sessions.get(clientId);
    if (session && this.#isExpired(session)) {
      this.#sessions.delete(session.id);
      return undefined;
    }
    return session;
  }

  /** Still registered? Unlike get(), a session that was holding a poll is never expired here. */
  isLive(session: ClientSession): boolean {
    return this.#sessions.get(session.id) === session;
  }

  touch(session: ClientSession): void {
    session.lastSeen = this.#clock();
  }

  remove(clientId: string, reason: WakeReason): boolean {
    const session = this.#sessions.get(clientId);
    if (!session) return false;
    this.#sessions.delete(clientId);
    session.wake(reason);
    return true;
  }

  /** Expires sessions that stopped polling; returns how many went. */
  sweep(): number {
    let expired = 0;
    for (const session of this.#sessions.values()) {
      if (this.#isExpired(session)) expired += Number(this.remove(session.id, 'dropped'));
    }
    return expired;
  }

  all(): ClientSession[] {
    return [...this.#sessions.values()];
  }

  #isExpired(session: ClientSession): boolean {
    return !session.isHolding && this.#clock() - session.lastSeen > this.#timeoutMs;
  }
}
