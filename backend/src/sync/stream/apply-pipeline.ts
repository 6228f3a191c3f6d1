// The one consumer of change events on the leader. Events are grouped into Salesforce transactions
// and queued; a single loop takes every complete transaction queued so far (up to a cap) and
// commits them in ONE database transaction together with the new replayId, so a burst is applied
// in a few large set-based batches while a trickle is applied one transaction at a time. A crash
// at any point leaves either the whole batch and its position, or neither.
//
// Two modes: while the initial load runs, batches are written to sync_event_buffer (with the
// position, so it is durable); when the load ends, the buffer is applied in replay order and the
// loop switches to applying live.
import type { DataSource } from 'typeorm';
import type { EffectiveObject } from '../../mirror/mirror-config';
import { InvalidFieldValue } from '../../mirror/column-values';
import type { ApplyObserver } from './apply-observer';
import { writeFolded } from './batch-writer';
import { parseChangeEvent, type ChangeEvent } from './change-event';
import { ChangeFolder, type FoldedBatch } from './change-fold';
import { LeadershipLost, type StreamState } from './stream-state';
import { groupTransactions, TransactionAssembler, type SalesforceTransaction } from './transaction-assembler';

export type PipelineMode = 'buffer' | 'live';

/** A change event with the message it came in (what the buffer keeps). */
export type ReceivedEvent = ChangeEvent & { raw: unknown };

export interface AppliedBatch {
  /** live: applied as it came; buffer: held during the load; drain: applied from the buffer. */
  mode: PipelineMode | 'drain';
  events: number;
  transactions: number;
  replayIds: number[];
  lastReplayId: number;
  /** Objects whose mirrored rows this batch changed. */
  entities: string[];
  /** Events by `${sobject}|${changeType}`. */
  counts: Map<string, number>;
  lastCommitTimestamp: number | null;
  /** Records queued for a re-read, by object. */
  refetched: Map<string, number>;
  resync: string[];
  milliseconds: number;
}

export interface PipelineLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface PipelineOptions {
  db: DataSource;
  state: StreamState;
  /** The streamed objects (others' events only move the position). */
  objects: readonly EffectiveObject[];
  /** The leader epoch every write is fenced with. */
  epoch: number;
  mode: PipelineMode;
  /** Where the stored position stands as the pipeline starts. */
  replayId: number | null;
  /** Most events per database transaction (whole Salesforce transactions are never split). */
  maxBatchEvents?: number;
  /** How long a Salesforce transaction may wait for more of its events. */
  transactionGraceMs?: number;
  logger: PipelineLogger;
  /** Called in each apply transaction before the mirror write (read when called: late registrations count). */
  observers?: readonly ApplyObserver[];
  onBatch?(batch: AppliedBatch): void;
  /** Something went wrong; `retrying` false means the event(s) were set aside (logged, re-read). */
  onProblem?(kind: string, error: Error, retrying: boolean): void;
  /** The pipeline stopped for good: leadership is gone. */
  onFatal(error: Error): void;
}

const RETRY_MS = [100, 250, 500, 1_000, 2_000, 5_000, 10_000];
/** Batches carry their replayId: what a database crash could lose of them is replayed (see StreamState.fenced). */
const REPLAYABLE = { replayable: true };
/** PostgreSQL error classes worth retrying: connection, rollback (deadlock), resources, shutdown. */
const TRANSIENT_CLASSES = new Set(['08', '40', '53', '55', '57', '58', 'XX']);

function isTransient(error: unknown): boolean {
  if (error instanceof LeadershipLost || error instanceof InvalidFieldValue) return false;
  const code =
    (error as { code?: unknown })?.code ?? (error as { driverError?: { code?: unknown } })?.driverError?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return TRANSIENT_CLASSES.has(code.slice(0, 2));
  if (typeof code === 'string' && code.startsWith('E')) return true; // ECONNREFUSED, ECONNRESET...
  return /connect|terminat|timeout|timed out/i.test((error as Error)?.message ?? '');
}

const errorOf = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
const maxReplayId = (events: readonly ChangeEvent[]): number =>
  events.reduce((max, e) => (e.replayId > max ? e.replayId : max), -Infinity);
const minReplayId = (events: readonly ChangeEvent[]): number =>
  events.reduce((min, e) => (e.replayId < min ? e.replayId : min), Infinity);

export class StreamPipeline {
  private mode: PipelineMode;
  private readonly folder: ChangeFolder;
  private readonly assembler: TransactionAssembler<ReceivedEvent>;
  private queue: SalesforceTransaction<ReceivedEvent>[] = [];
  private head = 0;
  private queuedEvents = 0;
  private stopped = false;
  private wake?: () => void;
  /** Cuts a retry's wait short when stopping. */
  private interrupt?: () => void;
  private loop?: Promise<void>;
  private busy = false;
  private goLiveRequested = false;
  private liveStarted!: Promise<void>;
  private markLive!: () => void;
  private idleWaiters: (() => void)[] = [];
  private readonly maxBatchEvents: number;
  /** The last position committed by this pipeline (applied or buffered). */
  committedReplayId: number | null;

  constructor(private readonly options: PipelineOptions) {
    this.mode = options.mode;
    this.committedReplayId = options.replayId;
    this.maxBatchEvents = options.maxBatchEvents ?? 5_000;
    this.folder = new ChangeFolder(options.objects);
    this.assembler = new TransactionAssembler((t) => this.enqueue(t), options.transactionGraceMs ?? 10);
    this.liveStarted = new Promise((resolve) => (this.markLive = resolve));
  }

  /** Starts the loop; in live mode it first applies whatever an earlier run left in the buffer. */
  start(): void {
    this.loop ??= this.run();
  }

  /** Events received and not yet committed. */
  get backlog(): number {
    return this.queuedEvents;
  }

  get currentMode(): PipelineMode {
    return this.mode;
  }

  /** Takes one message as CometD delivered it. */
  push(message: unknown): void {
    if (this.stopped) return;
    let event: ChangeEvent;
    try {
      event = parseChangeEvent(message);
    } catch (error) {
      // It can never be applied; skipping it is the only way forward, so say so loudly.
      this.options.onProblem?.('invalid_event', errorOf(error), false);
      return;
    }
    this.assembler.add(Object.assign(event, { raw: message }));
  }

  /** Ends buffering: resolves once the buffer is applied and events are applied as they come. */
  goLive(): Promise<void> {
    if (this.mode === 'buffer' && !this.goLiveRequested) {
      this.goLiveRequested = true;
      this.wake?.();
    }
    return this.liveStarted;
  }

  /** Resolves when nothing received is left uncommitted (tests, benchmarks, backpressure). */
  idle(): Promise<void> {
    if (this.queuedEvents === 0 && !this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Backpressure: forgets a half-received transaction and waits until everything queued is
   * committed; the stream is then reopened from `committedReplayId`, which redelivers the rest.
   */
  async settle(): Promise<number | null> {
    this.assembler.discard();
    await this.idle();
    return this.committedReplayId;
  }

  /** Stops after the batch in flight; what is still queued is dropped (it is replayed next time). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.assembler.discard();
    this.queue = [];
    this.head = 0;
    this.queuedEvents = 0;
    this.wake?.();
    this.interrupt?.();
    await this.loop;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private enqueue(transaction: SalesforceTransaction<ReceivedEvent>): void {
    if (this.stopped) return;
    this.queue.push(transaction);
    this.queuedEvents += transaction.events.length;
    this.wake?.();
  }

  private async run(): Promise<void> {
    try {
      if (this.mode === 'live') {
        await this.drainBuffer();
        this.markLive();
      }
      while (!this.stopped) {
        if (this.mode === 'buffer' && this.goLiveRequested) {
          await this.drainBuffer();
          this.mode = 'live';
          this.options.logger.log('Buffered events applied; applying changes as they arrive');
          this.markLive();
          continue;
        }
        const batch = this.take();
        if (batch.length === 0) {
          for (const resolve of this.idleWaiters.splice(0)) resolve();
          await new Promise<void>((resolve) => (this.wake = resolve));
          this.wake = undefined;
          continue;
        }
        this.busy = true;
        try {
          await this.commit(batch, this.mode);
        } finally {
          this.busy = false;
        }
        if (!this.stopped) this.queuedEvents -= batch.reduce((n, t) => n + t.events.length, 0);
      }
    } catch (error) {
      this.stopped = true;
      this.options.onFatal(errorOf(error));
    }
  }

  /** Every complete transaction queued, up to the cap (at least one, however large). */
  private take(): SalesforceTransaction<ReceivedEvent>[] {
    const batch: SalesforceTransaction<ReceivedEvent>[] = [];
    let events = 0;
    while (this.head < this.queue.length) {
      const next = this.queue[this.head];
      if (batch.length > 0 && events + next.events.length > this.maxBatchEvents) break;
      batch.push(next);
      events += next.events.length;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return batch;
  }

  /** Applies (or buffers) a batch, retrying what may pass later and setting aside what never will. */
  private async commit(batch: SalesforceTransaction<ReceivedEvent>[], mode: AppliedBatch['mode']): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (this.stopped) return;
      try {
        await this.write(batch, mode);
        return;
      } catch (error) {
        if (error instanceof LeadershipLost) throw error;
        if (isTransient(error)) {
          const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];
          this.options.onProblem?.('apply_retry', errorOf(error), true);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, delay);
            this.interrupt = () => (clearTimeout(timer), resolve());
          });
          this.interrupt = undefined;
          continue;
        }
        if (mode === 'buffer') throw error; // holding raw events cannot fail on their content
        if (batch.length > 1) {
          // Find the transaction that cannot be applied; the others go through one by one.
          for (const transaction of batch) await this.commit([transaction], mode);
          return;
        }
        await this.setAside(batch[0], mode, errorOf(error));
        return;
      }
    }
  }

  private async write(batch: SalesforceTransaction<ReceivedEvent>[], mode: AppliedBatch['mode']): Promise<void> {
    const started = performance.now();
    const events = batch.flatMap((t) => t.events);
    const { state, epoch } = this.options;
    let folded: FoldedBatch | undefined;
    let refetched = new Map<string, number>();
    if (mode === 'buffer') {
      await state.fenced(
        epoch,
        async (tx) => {
          await state.buffer(
            tx,
            events.map((e) => ({ replayId: e.replayId, message: e.raw })),
          );
          await state.advance(tx, maxReplayId(events), null);
        },
        REPLAYABLE,
      );
    } else {
      const changes = this.folder.fold(events);
      folded = changes;
      await state.fenced(
        epoch,
        async (tx) => {
          for (const observer of this.options.observers ?? []) await observer.beforeApply(tx, changes);
          refetched = (await writeFolded(tx, state, changes)).refetched;
          const lastChange = changes.lastCommitTimestamp === null ? null : new Date(changes.lastCommitTimestamp);
          if (mode === 'drain') {
            await state.advance(tx, null, lastChange);
            await state.dropBuffered(tx, changes.lastReplayId!);
          } else await state.advance(tx, changes.lastReplayId, lastChange);
        },
        REPLAYABLE,
      );
    }
    const lastReplayId = maxReplayId(events);
    if (mode !== 'drain') this.committedReplayId = Math.max(this.committedReplayId ?? lastReplayId, lastReplayId);
    this.options.onBatch?.({
      mode,
      events: events.length,
      transactions: batch.length,
      replayIds: events.map((e) => e.replayId),
      lastReplayId,
      entities: folded
        ? [...folded.objects.values()].filter((o) => o.records.size > 0).map((o) => o.object.sobject)
        : [],
      counts: folded?.counts ?? new Map(),
      lastCommitTimestamp: folded?.lastCommitTimestamp ?? null,
      refetched,
      resync: folded ? [...folded.resync.keys()] : [],
      milliseconds: performance.now() - started,
    });
  }

  /**
   * A transaction that cannot be applied (a value the mirror cannot hold): its records are re-read
   * from Salesforce instead, the error is recorded, and the position moves past it.
   */
  private async setAside(
    transaction: SalesforceTransaction<ReceivedEvent>,
    mode: AppliedBatch['mode'],
    error: Error,
  ): Promise<void> {
    const { state, epoch } = this.options;
    const lastReplayId = maxReplayId(transaction.events);
    const streamed = new Set(this.options.objects.map((o) => o.sobject));
    await state.fenced(epoch, async (tx) => {
      for (const event of transaction.events) {
        const sobject = event.header.entityName;
        if (!streamed.has(sobject)) continue;
        if (event.header.changeType === 'GAP_OVERFLOW')
          await state.requestResync(tx, sobject, `GAP_OVERFLOW at replayId ${event.replayId}`, event.replayId);
        else
          await state.requestRefetch(tx, sobject, event.header.recordIds, 'event could not be applied', event.replayId);
      }
      await tx.query(
        `INSERT INTO sync_error (sobject, record_ids, replay_id, kind, message) VALUES ($1, $2, $3, 'apply', $4)`,
        [
          transaction.events[0].header.entityName,
          transaction.events.flatMap((e) => e.header.recordIds).slice(0, 1000),
          lastReplayId,
          `Transaction ${transaction.transactionKey} could not be applied (its records will be re-read): ${error.message}`.slice(
            0,
            4000,
          ),
        ],
      );
      if (mode === 'drain') await state.dropBuffered(tx, lastReplayId);
      else await state.advance(tx, lastReplayId, null);
    });
    if (mode !== 'drain') this.committedReplayId = Math.max(this.committedReplayId ?? lastReplayId, lastReplayId);
    this.options.onProblem?.(
      'apply',
      new Error(`transaction ${transaction.transactionKey} (replayId ${lastReplayId}) set aside: ${error.message}`),
      false,
    );
  }

  /** Applies what the buffer holds, in replay order, whole transactions at a time. */
  private async drainBuffer(): Promise<void> {
    const { state } = this.options;
    let cursor: number | null = null;
    let page = this.maxBatchEvents;
    let drained = 0;
    while (!this.stopped) {
      const rows = await state.readBuffer(cursor, page);
      if (rows.length === 0) break;
      const events: ReceivedEvent[] = [];
      for (const row of rows) {
        try {
          events.push(Object.assign(parseChangeEvent(row.message), { raw: row.message }));
        } catch (error) {
          this.options.onProblem?.('invalid_event', errorOf(error), false);
        }
      }
      const transactions = groupTransactions(events);
      const full = rows.length === page;
      // The page may end inside a transaction: keep its last one for the next read.
      if (full && transactions.length <= 1) {
        page *= 2;
        continue;
      }
      const complete = full ? transactions.slice(0, -1) : transactions;
      for (let i = 0; i < complete.length;) {
        const batch: SalesforceTransaction<ReceivedEvent>[] = [];
        let n = 0;
        while (i < complete.length && (batch.length === 0 || n + complete[i].events.length <= this.maxBatchEvents)) {
          n += complete[i].events.length;
          batch.push(complete[i++]);
        }
        await this.commit(batch, 'drain');
        drained += n;
      }
      cursor = full ? minReplayId(transactions.at(-1)!.events) - 1 : rows.at(-1)!.replayId;
      page = this.maxBatchEvents;
    }
    if (cursor !== null && !this.stopped)
      await state.fenced(this.options.epoch, (tx) => state.dropBuffered(tx, cursor)); // unreadable leftovers
    if (drained > 0) this.options.logger.log(`Applied ${drained} buffered change events`);
  }
}
