// The event bus's retained history: one replayId counter across every channel, so ids of one
// channel are increasing but not contiguous, as on Salesforce. Old events fall out by age (72 hours
// on Salesforce) or, optionally, by count; their ids are then refused at subscribe.
import type { ChangeEventPayload } from './channels.ts';

export interface LoggedEvent {
  replayId: number;
  /** Clock time the event was published, for retention. */
  publishedAt: number;
  entityName: string;
  schema: string;
  payload: ChangeEventPayload;
}

export interface ReplayLogState {
  nextReplayId: number;
  /** Oldest first. */
  events: LoggedEvent[];
}

export interface ReplayLogOptions {
  retentionMs: number;
  maxEvents?: number;
  clock: () => number;
}

/** -1: only events published after subscribing; -2: every retained event. */
export const REPLAY_NEW = -1;
export const REPLAY_ALL = -2;

export class ReplayLog {
  readonly #options: ReplayLogOptions;
  /** Sorted by replayId; the front is pruned as events expire. */
  #events: LoggedEvent[] = [];
  // Starts at 1: jsforce's Replay extension ignores a falsy replayId.
  #nextReplayId = 1;

  constructor(options: ReplayLogOptions) {
    this.#options = options;
  }

  append(event: Omit<LoggedEvent, 'replayId' | 'publishedAt'>): LoggedEvent {
    const logged: LoggedEvent = { ...event, replayId: this.#nextReplayId++, publishedAt: this.#options.clock() };
    this.#events.push(logged);
    this.prune();
    return logged;
  }

  /**
   * The events a subscriber asking for `replayId` must receive first, or null when the id is neither
   * -1, -2 nor the id of a retained event (Salesforce then refuses the subscription).
   */
  replayFrom(replayId: number): LoggedEvent[] | null {
    this.prune();
    if (replayId === REPLAY_NEW) return [];
    if (replayId === REPLAY_ALL) return [...this.#events];
    const index = this.#indexOf(replayId);
    return index < 0 ? null : this.#events.slice(index + 1);
  }

  /** Drops every event up to and including `replayId`, as if it had aged out (fault injection). */
  expireThrough(replayId: number): void {
    this.#events = this.#events.filter((event) => event.replayId > replayId);
  }

  prune(): void {
    const { retentionMs, maxEvents, clock } = this.#options;
    const oldest = clock() - retentionMs;
    let drop = 0;
    while (drop < this.#events.length && this.#events[drop].publishedAt < oldest) drop++;
    if (maxEvents !== undefined) drop = Math.max(drop, this.#events.length - maxEvents);
    if (drop > 0) this.#events = this.#events.slice(drop);
  }

  /** The retained events and the next replayId, so a restarted org honours stored replayIds. */
  exportState(): ReplayLogState {
    this.prune();
    return { nextReplayId: this.#nextReplayId, events: [...this.#events] };
  }

  /** Carries on from a persisted log: its events stay replayable and ids continue after its last. */
  restoreState(state: ReplayLogState): void {
    let previous = 0;
    for (const event of state.events) {
      if (!(event.replayId > previous)) throw new Error(`ReplayLog: replayIds out of order at ${event.replayId}`);
      previous = event.replayId;
    }
    if (!Number.isSafeInteger(state.nextReplayId) || state.nextReplayId <= previous)
      throw new Error(`ReplayLog: nextReplayId ${state.nextReplayId} must follow the last event (${previous})`);
    this.#events = [...state.events];
    this.#nextReplayId = Math.max(state.nextReplayId, this.#nextReplayId);
    this.prune();
  }

  /** The retained replayIds, oldest first (diagnostics and tests). */
  get replayIds(): number[] {
    this.prune();
    return this.#events.map((event) => event.replayId);
  }

  #indexOf(replayId: number): number {
    let low = 0;
    let high = this.#events.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const id = this.#events[middle].replayId;
      if (id === replayId) return middle;
      if (id < replayId) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}
