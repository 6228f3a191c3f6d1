import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SalesforceConnection } from '../salesforce/salesforce-connection.service';
import { ChangeApplier } from './change-applier.service';
import { InvalidChangeEvent, parseChangeEvent } from './change-event';
import { ChangeStream, ReplayIdRefused } from './change-stream';
import { SyncChannel } from './entities/sync-channel.entity';
import { MirrorEvents } from './mirror-events.service';
import { OpportunityLoader } from './opportunity-loader.service';

export const OPPORTUNITY_CHANNEL = '/data/OpportunityChangeEvent';
/** Salesforce keeps events 72 hours; replaying "all retained" is safe only well inside that. */
const REPLAY_ALL_WITHIN_MS = 71 * 3_600_000;
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export type SyncState = 'starting' | 'loading' | 'streaming' | 'retrying' | 'stopped';

export interface SyncStatus {
  state: SyncState;
  loadedRecords: number;
  lastReplayId: number | null;
  lastEventAt: string | null;
  lastError: string | null;
}

/**
 * Keeps the Opportunity mirror in step with the org: subscribe first, then load, then apply the
 * events that arrived meanwhile and all later ones, one at a time in arrival (commit) order.
 */
@Injectable()
export class SyncService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SyncService.name);
  private stream = new ChangeStream();
  /** Events are applied strictly in order: each waits for the one before it (and for the load). */
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;
  private attempt = 0;
  /** Bumped whenever the stream restarts; events queued by an earlier stream are dropped (they replay). */
  private generation = 0;
  readonly status: SyncStatus = {
    state: 'starting',
    loadedRecords: 0,
    lastReplayId: null,
    lastEventAt: null,
    lastError: null,
  };

  constructor(
    private readonly salesforce: SalesforceConnection,
    private readonly loader: OpportunityLoader,
    private readonly applier: ChangeApplier,
    private readonly mirrorEvents: MirrorEvents,
    @InjectRepository(SyncChannel) private readonly channels: Repository<SyncChannel>,
  ) {}

  onApplicationBootstrap(): void {
    void this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.status.state = 'stopped';
    await this.stream.close();
    await this.queue;
  }

  private async start(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.connect();
        this.attempt = 0;
        return;
      } catch (error) {
        if (error instanceof ReplayIdRefused) {
          this.logger.warn(`${error.message}: the stored position is gone; reloading the mirror`);
          await this.channels.update(
            { channel: OPPORTUNITY_CHANNEL },
            { replayId: null, loadedAt: null, updatedAt: new Date() },
          );
          await this.stream.close();
          continue; // an expected recovery, not a failure: reload at once
        }
        await this.stream.close();
        const delay = RETRY_MS[Math.min(this.attempt++, RETRY_MS.length - 1)];
        this.status.state = 'retrying';
        this.status.lastError = (error as Error).message;
        this.logger.error(`Sync failed: ${(error as Error).message}; retrying in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
      }
    }
  }

  private async connect(): Promise<void> {
    const conn = await this.salesforce.get();
    const position = await this.channels.findOneBy({ channel: OPPORTUNITY_CHANNEL });
    const replayFrom = this.replayFrom(position);
    const mustLoad = replayFrom === -1;

    let loaded!: () => void;
    this.queue = new Promise((resolve) => (loaded = resolve));
    this.stream = new ChangeStream();
    await this.stream.open(conn, OPPORTUNITY_CHANNEL, replayFrom, {
      onMessage: (message) => this.enqueue(message),
      onAuthFailure: () => void this.reconnect('the Streaming API refused the session'),
    });
    this.logger.log(`Subscribed to ${OPPORTUNITY_CHANNEL} from replayId ${replayFrom}`);

    if (mustLoad) {
      this.status.state = 'loading';
      await this.loader.loadStages(conn);
      this.status.loadedRecords = await this.loader.loadAll(conn, (done, total) =>
        this.logger.log(`Loaded ${done}/${total} opportunities`),
      );
      await this.channels.upsert({ channel: OPPORTUNITY_CHANNEL, loadedAt: new Date(), updatedAt: new Date() }, [
        'channel',
      ]);
      this.mirrorEvents.emit(['Opportunity']);
    }
    loaded();
    this.status.state = 'streaming';
    this.status.lastError = null;
  }

  /** Where to resume: after the stored event, or all retained events after a recent load, or afresh. */
  private replayFrom(position: SyncChannel | null): number {
    if (position?.replayId) return Number(position.replayId);
    if (position?.loadedAt && Date.now() - position.loadedAt.getTime() < REPLAY_ALL_WITHIN_MS) return -2;
    return -1;
  }

  private async reconnect(reason: string): Promise<void> {
    this.logger.warn(`Reconnecting: ${reason}`);
    this.generation++;
    await this.stream.close();
    await this.queue;
    this.salesforce.reset();
    await this.start();
  }

  private enqueue(message: unknown): void {
    const generation = this.generation;
    this.queue = this.queue.then(() => (generation === this.generation ? this.handle(message) : undefined));
  }

  private async handle(message: unknown): Promise<void> {
    let event;
    try {
      event = parseChangeEvent(message);
    } catch (error) {
      // It can never be applied; skipping it is the only way forward, so say so loudly.
      this.status.lastError = `Ignored a malformed change event: ${(error as InvalidChangeEvent).message}`;
      this.logger.error(this.status.lastError);
      return;
    }
    try {
      const outcome = await this.applier.apply(event, OPPORTUNITY_CHANNEL);
      const conn = await this.salesforce.get();
      if (outcome.refetch.length > 0) await this.loader.refetch(conn, outcome.refetch);
      if (outcome.resync) await this.loader.loadAll(conn);
      this.status.lastReplayId = event.replayId;
      this.status.lastEventAt = new Date().toISOString();
      this.mirrorEvents.emit([event.header.entityName]);
    } catch (error) {
      // Its replayId was not stored: resubscribing from the stored one delivers it again, in order.
      this.status.lastError = `Applying change event ${event.replayId} failed: ${(error as Error).message}`;
      this.logger.error(this.status.lastError);
      void this.reconnect('an event could not be applied');
    }
  }
}
