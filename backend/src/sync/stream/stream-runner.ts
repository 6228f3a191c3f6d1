// What the leader does for as long as it leads: subscribe to /data/ChangeEvents, load what is not
// loaded yet (events meanwhile go to the buffer), hand over to live apply, and recover from what
// the Streaming API does to long-lived subscribers (refused replayIds, expired sessions, dropped
// clients) without losing or double-applying a change.
import type { Connection } from 'jsforce';
import type { DataSource } from 'typeorm';
import type { EffectiveObject } from '../../mirror/mirror-config';
import { loadOrder } from '../../mirror/mirrored-objects';
import type { LoadProgress, ObjectLoader } from '../load/object-loader';
import { StreamPipeline, type AppliedBatch, type PipelineLogger } from './apply-pipeline';
import type { ApplyObserver } from './apply-observer';
import { CHANGE_EVENTS_CHANNEL, ChangeStream, ReplayIdRefused } from './change-stream';
import { LeadershipLost, StreamState, type ChannelState } from './stream-state';

/** Salesforce keeps events 72 hours; replaying "all retained" is safe only well inside that. */
export const REPLAY_WINDOW_MS = 71 * 3_600_000;
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export type RunnerState = 'subscribing' | 'loading' | 'streaming' | 'retrying';
export type ObjectStreamState = 'pending' | 'loading' | 'loaded' | 'streaming' | 'polling' | 'resyncing' | 'error';

export interface StreamRunnerOptions {
  db: DataSource;
  /** Every mirrored object (loaded first); those with changeEvents are streamed. */
  objects: readonly EffectiveObject[];
  loader: ObjectLoader;
  salesforce: { get(): Promise<Connection>; reset(): void };
  epoch: number;
  logger: PipelineLogger;
  maxBatchEvents?: number;
  transactionGraceMs?: number;
  /** Received but uncommitted events past which the stream is paused until the apply catches up. */
  backlogHighWater?: number;
  /** Work committed with each applied batch (see ApplyObserver). */
  observers?: readonly ApplyObserver[];
  onState(state: RunnerState, error?: Error): void;
  onObjectState(sobject: string, state: ObjectStreamState): void;
  onLoadProgress(progress: LoadProgress): void;
  onBatch(batch: AppliedBatch): void;
  onProblem(kind: string, error: Error, retrying: boolean): void;
  /** The mirror is loaded and streaming: periodic leader work may start. */
  onReady(): void;
  /** The runner ended for good (leadership lost). */
  onFatal(error: Error): void;
}

/** The session ended (stopping, or to start over): the load stops between objects. */
class LoadAborted extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

export class StreamRunner {
  private readonly state: StreamState;
  private readonly streamed: EffectiveObject[];
  private stopped = false;
  private running?: Promise<void>;
  private stream?: ChangeStream;
  private pipeline?: StreamPipeline;
  /** Bumped whenever a stream is abandoned: messages of an older one are ignored. */
  private generation = 0;
  private endSession?: (error: Error) => void;
  private restarting?: Promise<void>;
  private forceReload?: string;
  private channel?: ChannelState;

  constructor(private readonly options: StreamRunnerOptions) {
    this.state = new StreamState(options.db);
    this.streamed = options.objects.filter((o) => o.changeEvents);
  }

  /** The live pipeline, for tests and benchmarks that wait for it to be idle. */
  get currentPipeline(): StreamPipeline | undefined {
    return this.pipeline;
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.endSession?.(new LoadAborted('stopping'));
    await this.running;
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      try {
        await this.session();
        attempt = 0;
      } catch (error) {
        if (this.stopped) break;
        if (error instanceof LeadershipLost) {
          this.stopped = true;
          this.options.onFatal(error);
          break;
        }
        if (error instanceof ReplayIdRefused) {
          // The stored position is gone (expired, or an org migration): only a full load is safe.
          this.options.onProblem('replay_refused', new Error(`${error.message} (resynchronising every object)`), true);
          this.forceReload = 'the stored replayId was refused';
          continue;
        }
        const delay = RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)];
        this.options.onState('retrying', error as Error);
        this.options.onProblem('stream', error as Error, true);
        this.options.logger.error(`Streaming stopped: ${(error as Error).message}; retrying in ${delay} ms`);
        await sleep(delay);
      }
    }
  }

  /** Where to subscribe from, or why everything must be loaded again. */
  private plan(channel: ChannelState): { replayFrom: number } | { reload: string } {
    const recent = (d: Date | null) => d !== null && Date.now() - d.getTime() < REPLAY_WINDOW_MS;
    if (this.forceReload) return { reload: this.forceReload };
    if (channel.loadedAt) {
      if (channel.replayId !== null) return { replayFrom: channel.replayId };
      // Loaded, and no event since: everything retained covers the time since the load began.
      if (recent(channel.loadStartedAt ?? channel.loadedAt)) return { replayFrom: -2 };
      return { reload: 'no stored position, and the last load is older than the replay window' };
    }
    if (channel.loadStartedAt && recent(channel.loadStartedAt)) return { replayFrom: channel.replayId ?? -2 };
    return {
      reload: channel.loadStartedAt ? 'an interrupted load older than the replay window' : 'nothing loaded yet',
    };
  }

  private async session(): Promise<void> {
    const { epoch, logger } = this.options;
    this.options.onState('subscribing');
    const conn = await this.options.salesforce.get();
    let channel = await this.state.read();
    const plan = this.plan(channel);
    if ('reload' in plan) {
      logger.log(`Loading the org into the mirror (${plan.reload})`);
      await this.state.beginLoad(epoch);
      this.forceReload = undefined;
      channel = await this.state.read();
    }
    this.channel = channel;
    const replayFrom = 'reload' in plan ? -1 : plan.replayFrom;
    const loaded = channel.loadedAt !== null;

    let fail!: (error: Error) => void;
    const ended = new Promise<never>((_, reject) => (fail = reject));
    ended.catch(() => undefined);
    this.endSession = fail;
    if (this.stopped) fail(new LoadAborted('stopping'));
    const pipeline = new StreamPipeline({
      db: this.options.db,
      state: this.state,
      objects: this.streamed,
      epoch,
      mode: loaded ? 'live' : 'buffer',
      replayId: channel.replayId,
      maxBatchEvents: this.options.maxBatchEvents,
      transactionGraceMs: this.options.transactionGraceMs,
      logger,
      observers: this.options.observers,
      onBatch: (batch) => {
        this.options.onBatch(batch);
        if (pipeline.backlog > (this.options.backlogHighWater ?? 50_000))
          void this.restartStream('backpressure', false);
      },
      onProblem: (kind, error, retrying) => this.options.onProblem(kind, error, retrying),
      onFatal: (error) => fail(error),
    });
    this.pipeline = pipeline;
    pipeline.start();
    let loading: Promise<void> | undefined;
    try {
      await Promise.race([this.openStream(conn, replayFrom), ended]);
      logger.log(`Subscribed to ${CHANGE_EVENTS_CHANNEL} from replayId ${replayFrom}`);
      if (!loaded) {
        this.options.onState('loading');
        loading = this.load(conn, channel);
        await Promise.race([loading, ended]);
        await this.state.markLoaded(epoch);
      }
      await Promise.race([pipeline.goLive(), ended]);
      for (const o of this.options.objects)
        this.options.onObjectState(o.sobject, o.changeEvents ? 'streaming' : 'polling');
      this.options.onState('streaming');
      this.options.onReady();
      await ended;
    } finally {
      this.endSession = undefined;
      this.generation++;
      await this.stream?.close(); // first: the stream stops at once, whatever else is in progress
      await this.restarting;
      await this.stream?.close();
      this.stream = undefined;
      // Whatever was received but not committed is replayed from the stored position next time.
      await pipeline.stop();
      // A load cannot be left running beside the next session's: wait until it notices.
      await loading?.catch(() => undefined);
    }
  }

  private async openStream(conn: Connection, replayFrom: number): Promise<void> {
    const generation = ++this.generation;
    const stream = new ChangeStream();
    this.stream = stream;
    let opened = false;
    await stream.open(conn, CHANGE_EVENTS_CHANNEL, replayFrom, {
      onMessage: (message) => {
        if (generation === this.generation) this.pipeline?.push(message);
      },
      onAuthFailure: () => {
        if (generation !== this.generation) return;
        if (opened) void this.restartStream('the Streaming API refused the session', true);
        else {
          // Refused at the handshake: the subscribe will never be answered; start over, re-authenticated.
          this.options.salesforce.reset();
          this.endSession?.(new Error('the Streaming API refused the session at the handshake'));
        }
      },
      onSubscribeFailed: (error) => {
        if (generation !== this.generation) return;
        if (error instanceof ReplayIdRefused) this.endSession?.(error);
        else void this.restartStream(error.message, false);
      },
    });
    opened = true;
  }

  /**
   * A new client, resuming exactly after the last committed event: used after the session expired
   * (jsforce fixes the token in the client) and to pause a stream the apply cannot keep up with.
   * The pipeline and any load in progress carry on.
   */
  private restartStream(reason: string, reauthenticate: boolean): Promise<void> {
    if (this.restarting || !this.endSession) return this.restarting ?? Promise.resolve();
    const endSession = this.endSession;
    this.restarting = (async () => {
      try {
        this.options.logger.warn(`Rebuilding the streaming client: ${reason}`);
        this.generation++;
        await this.stream?.close();
        const position = (await this.pipeline?.settle()) ?? null;
        if (reauthenticate) this.options.salesforce.reset();
        const conn = await this.options.salesforce.get();
        let replayFrom = position;
        if (replayFrom === null) {
          const since = this.channel?.loadStartedAt ?? this.channel?.loadedAt ?? null;
          if (!since || Date.now() - since.getTime() >= REPLAY_WINDOW_MS)
            throw new ReplayIdRefused('no position to resume from inside the replay window');
          replayFrom = -2;
        }
        if (this.endSession !== endSession) return;
        await this.openStream(conn, replayFrom);
        this.options.logger.log(`Resubscribed to ${CHANGE_EVENTS_CHANNEL} from replayId ${replayFrom}`);
      } catch (error) {
        endSession(error as Error);
      } finally {
        this.restarting = undefined;
      }
    })();
    return this.restarting;
  }

  /** Loads every object not loaded yet in this load, parents first, resuming the interrupted one. */
  private async load(conn: Connection, channel: ChannelState): Promise<void> {
    const { epoch, loader } = this.options;
    for (const object of loadOrder([...this.options.objects]) as EffectiveObject[]) {
      if (channel.loadedObjects.includes(object.sobject)) {
        this.options.onObjectState(object.sobject, 'loaded');
        continue;
      }
      if (!this.endSession) throw new LoadAborted('the session ended');
      const resume = channel.loadingObject === object.sobject;
      await this.state.markLoading(epoch, object.sobject);
      this.options.onObjectState(object.sobject, 'loading');
      // The loader logs its own progress (records/s, ETA); the status API gets it from here.
      await loader.load(conn, object, { fresh: !resume, onProgress: (p) => this.options.onLoadProgress(p) });
      await this.state.markObjectLoaded(epoch, object.sobject);
      this.options.onObjectState(object.sobject, 'loaded');
    }
  }
}
