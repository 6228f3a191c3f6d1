// The sync's coordinator. Every instance competes for leadership (leader/leader-lock.ts); the
// leader alone streams (stream/stream-runner.ts), serves re-reads and resyncs (stream/gap-worker.ts)
// and runs the periodic leader work (polling, reconciliation) once the mirror is loaded. The others
// stand by and take over within seconds when the leader's lock connection goes.
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BehaviorSubject, Subject, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { PulseConfig } from '../config/pulse-config';
import { SalesforceConnection } from '../salesforce/salesforce-connection.service';
import { LeaderLock } from './leader/leader-lock';
import { OBJECT_LOADER, type LoadProgress, type ObjectLoader } from './load/object-loader';
import { MirrorEvents } from './mirror-events.service';
import { LEADER_WORK, type LeaderWork } from './poll/leader-work';
import { LoadProgressBoard } from './status/load-progress-board';
import { SyncMetrics } from './status/sync-metrics';
import type { ApplyObserver } from './stream/apply-observer';
import type { AppliedBatch } from './stream/apply-pipeline';
import { GapWorker } from './stream/gap-worker';
import { StreamState } from './stream/stream-state';
import { StreamRunner, type ObjectStreamState, type RunnerState } from './stream/stream-runner';

export type SyncState = 'starting' | 'standby' | RunnerState | 'stopped';

export interface SyncStatus {
  /** standby: another instance leads; subscribing, loading, streaming, retrying: this one leads. */
  state: SyncState;
  leader: boolean;
  instance: string;
  epoch: number | null;
  /** The last event committed by this instance (applied, or buffered during a load). */
  lastReplayId: number | null;
  /** When this instance last committed a batch. */
  lastEventAt: string | null;
  /** Salesforce's commit time of the newest change applied: lag = now minus this. */
  lastCommitTimestamp: string | null;
  eventsApplied: number;
  batches: number;
  lastError: string | null;
  objects: Record<string, ObjectStreamState>;
}

/** How often a standby tries the lock: the longest a dead leader's org goes unstreamed, plus PG noticing. */
const LEADER_POLL_MS = 1_000;

@Injectable()
export class SyncService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SyncService.name);
  private readonly lock: LeaderLock;
  private runner?: StreamRunner;
  private gapWorker?: GapWorker;
  private readonly leaderWork: LeaderWork[];
  /** Work committed with every applied batch; the running pipeline reads this same list. */
  private readonly applyObservers: ApplyObserver[] = [];
  private workStarted = false;
  private stopped = false;
  private readonly leadershipSubject = new BehaviorSubject<boolean>(false);
  private readonly batchSubject = new Subject<AppliedBatch>();
  /** Leadership changes, true when this instance leads. */
  readonly leadership: Observable<boolean> = this.leadershipSubject.asObservable();
  /** Every batch this instance commits (tests, benchmarks). */
  readonly batches: Observable<AppliedBatch> = this.batchSubject.asObservable();
  readonly status: SyncStatus;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: PulseConfig,
    private readonly salesforce: SalesforceConnection,
    @Inject(OBJECT_LOADER) private readonly loader: ObjectLoader,
    private readonly mirrorEvents: MirrorEvents,
    private readonly metrics: SyncMetrics,
    @Optional() private readonly progressBoard?: LoadProgressBoard,
    @Optional() @Inject(LEADER_WORK) leaderWork?: LeaderWork[],
  ) {
    this.leaderWork = [...(leaderWork ?? [])];
    const options = db.options as { url?: string; ssl?: unknown };
    this.lock = new LeaderLock({
      url: options.url!,
      ssl: Boolean(options.ssl),
      pollMs: LEADER_POLL_MS,
      logger: this.logger,
      onAcquired: (epoch) => this.lead(epoch),
      onLost: (reason) => void this.stepDown(reason),
    });
    this.status = {
      state: 'starting',
      leader: false,
      instance: this.lock.holder,
      epoch: null,
      lastReplayId: null,
      lastEventAt: null,
      lastCommitTimestamp: null,
      eventsApplied: 0,
      batches: 0,
      lastError: null,
      objects: Object.fromEntries(config.sync.objects.map((o) => [o.sobject, 'pending' as ObjectStreamState])),
    };
  }

  get isLeader(): boolean {
    return this.lock.isLeader;
  }

  onApplicationBootstrap(): void {
    this.status.state = 'standby';
    this.lock.start();
  }

  /** Before anything closes (the database pool above all): the batch in flight commits first. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.stepDown('shutting down');
    await this.lock.stop();
    this.status.state = 'stopped';
  }

  /** More periodic work for the leader (started when the mirror is loaded, stopped on step-down). */
  registerLeaderWork(work: LeaderWork): void {
    this.leaderWork.push(work);
    if (this.workStarted) work.start();
  }

  /** Work to run inside every apply transaction, before the mirror write (see ApplyObserver). */
  registerApplyObserver(observer: ApplyObserver): void {
    if (!this.applyObservers.includes(observer)) this.applyObservers.push(observer);
  }

  /** Asks for records to be re-read from Salesforce (by the leader, durably, batched). */
  async requestRefetch(sobject: string, ids: string[], reason: string): Promise<void> {
    const state = new StreamState(this.db);
    await this.db.transaction((tx) => state.requestRefetch(tx, sobject, ids, reason, null));
    this.gapWorker?.kick();
  }

  /** Asks for an object to be loaded afresh by the leader while streaming carries on. */
  async requestResync(sobject: string, reason: string): Promise<void> {
    const state = new StreamState(this.db);
    await this.db.transaction((tx) => state.requestResync(tx, sobject, reason, null));
    this.gapWorker?.kick();
  }

  /** Resolves when every event received so far is committed (tests and benchmarks). */
  async idle(): Promise<void> {
    await this.runner?.currentPipeline?.idle();
  }

  /** Serves pending re-reads and resyncs now (tests); false when this instance does not lead. */
  async serveGaps(): Promise<boolean> {
    if (!this.gapWorker) return false;
    await this.gapWorker.runOnce();
    return true;
  }

  private lead(epoch: number): void {
    if (this.stopped) return;
    this.status.leader = true;
    this.status.epoch = epoch;
    this.leadershipSubject.next(true);
    const objects = this.config.sync.objects;
    this.gapWorker = new GapWorker({
      db: this.db,
      loader: this.loader,
      objects,
      connection: () => this.salesforce.get(),
      logger: this.logger,
      onWritten: (entities) => this.mirrorEvents.emit(entities),
      onResync: (sobject, phase) => {
        const current = objects.find((o) => o.sobject === sobject)?.changeEvents ? 'streaming' : 'polling';
        this.status.objects[sobject] = phase === 'started' ? 'resyncing' : phase === 'failed' ? 'error' : current;
      },
      onError: (kind, error) => this.problem(kind, error, true),
    });
    this.runner = new StreamRunner({
      db: this.db,
      objects,
      loader: this.loader,
      salesforce: this.salesforce,
      epoch,
      logger: this.logger,
      observers: this.applyObservers,
      onState: (state, error) => {
        this.status.state = state;
        if (error) this.status.lastError = error.message;
        else if (state === 'streaming') this.status.lastError = null;
      },
      onObjectState: (sobject, state) => {
        const wasLoading = this.status.objects[sobject] === 'loading';
        this.status.objects[sobject] = state;
        if (state !== 'loading') this.progressBoard?.clear(sobject);
        // Open widgets showed what the mirror held before: a finished load is a change too.
        if (wasLoading && state === 'loaded') this.mirrorEvents.emit([sobject]);
      },
      onLoadProgress: (progress: LoadProgress) => this.progressBoard?.record(progress),
      onBatch: (batch) => this.applied(batch),
      onProblem: (kind, error, retrying) => this.problem(kind, error, retrying),
      onReady: () => this.ready(),
      onFatal: (error) => void this.stepDown(error.message),
    });
    this.runner.start();
  }

  /** The mirror is loaded and live: the rest of the leader's work may start. */
  private ready(): void {
    if (!this.lock.isLeader || this.workStarted) return;
    this.workStarted = true;
    this.gapWorker?.start();
    for (const work of this.leaderWork) work.start();
  }

  /** Stops everything leader-only at once: first the stream, so no event is applied after this. */
  private async stepDown(reason: string): Promise<void> {
    const runner = this.runner;
    const gapWorker = this.gapWorker;
    const wasLeader = this.status.leader;
    this.runner = undefined;
    this.gapWorker = undefined;
    this.status.leader = false;
    this.status.epoch = null;
    if (!this.stopped) this.status.state = 'standby';
    if (wasLeader) {
      this.leadershipSubject.next(false);
      if (this.stopped) this.logger.log(`No longer streaming: ${reason}`);
      else this.logger.warn(`No longer streaming: ${reason}`);
    }
    const work = this.workStarted ? this.leaderWork : [];
    this.workStarted = false;
    await Promise.all([
      runner?.stop(),
      gapWorker?.stop(),
      ...work.map((w) =>
        w.stop().catch((error: Error) => this.logger.error(`Stopping ${w.name} failed: ${error.message}`)),
      ),
    ]);
    // A fencing failure means the lock is not really ours any more: let it go and stand by.
    if (!this.stopped && this.lock.isLeader) {
      await this.lock.stop();
      this.lock.start();
    }
  }

  private applied(batch: AppliedBatch): void {
    this.logger.debug(
      `${batch.mode === 'buffer' ? 'Held' : 'Applied'} ${batch.events} change events of ${batch.transactions} ` +
        `transactions through replayId ${batch.lastReplayId} in ${batch.milliseconds.toFixed(1)} ms`,
    );
    this.status.batches++;
    this.status.lastReplayId = batch.lastReplayId;
    this.status.lastEventAt = new Date().toISOString();
    this.batchSubject.next(batch);
    if (batch.mode === 'buffer') return; // held, not yet applied
    this.status.eventsApplied += batch.events;
    this.metrics.batchSize.observe(batch.events);
    for (const [key, n] of batch.counts) {
      const [sobject, changeType] = key.split('|');
      this.metrics.eventsApplied.inc({ sobject, change_type: changeType }, n);
    }
    if (batch.lastCommitTimestamp !== null) {
      this.status.lastCommitTimestamp = new Date(batch.lastCommitTimestamp).toISOString();
      this.metrics.markApplied(batch.lastCommitTimestamp);
    }
    this.mirrorEvents.emit(batch.entities);
    if (batch.refetched.size > 0 || batch.resync.length > 0) this.gapWorker?.kick();
  }

  private problem(kind: string, error: Error, retrying: boolean): void {
    this.metrics.errors.inc({ kind });
    this.status.lastError = error.message;
    const message = `${kind}: ${error.message}`;
    if (retrying) this.logger.warn(message);
    else this.logger.error(message);
    if (kind === 'invalid_event')
      this.db
        .query(`INSERT INTO sync_error (kind, message) VALUES ('invalid_event', $1)`, [error.message.slice(0, 4000)])
        .catch(() => undefined);
  }
}
