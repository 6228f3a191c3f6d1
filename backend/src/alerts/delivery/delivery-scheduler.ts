// Runs the delivery worker while this instance leads the sync (registered as leader work): at once
// when the rules NOTIFY that they wrote to the outbox, and every few seconds for what comes due
// later (quiet hours ending, retries, digests). Never two runs at once; a wake-up during a run
// makes another run follow it.
import { Injectable, Logger } from '@nestjs/common';
import { OUTBOX_CHANNEL } from '../outbox/outbox-writer';
import type { LeaderWork } from '../../sync/poll/leader-work';
import { DeliveryDatabase } from './delivery-database';
import { DeliveryWorker } from './delivery-worker';

const INTERVAL_MS = 5_000;
/** How long to wait before listening again after the LISTEN connection is lost (polling goes on). */
const RELISTEN_MS = 10_000;

@Injectable()
export class DeliveryScheduler implements LeaderWork {
  readonly name = 'alert delivery';
  private readonly logger = new Logger(DeliveryScheduler.name);
  private running = false;
  private timer?: NodeJS.Timeout;
  private current?: Promise<void>;
  private again = false;
  private unlisten?: () => Promise<void>;
  private relisten?: NodeJS.Timeout;

  constructor(
    private readonly worker: DeliveryWorker,
    private readonly db: DeliveryDatabase,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.logger.log(`Delivering alerts (on NOTIFY ${OUTBOX_CHANNEL}, and every ${INTERVAL_MS / 1000} s)`);
    void this.listen();
    this.schedule(0);
  }

  /** Stepping down waits for the batch in flight only: no new batch starts. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    clearTimeout(this.relisten);
    const unlisten = this.unlisten;
    this.unlisten = undefined;
    await Promise.all([unlisten?.(), this.current]);
  }

  /** Runs now, or right after the run in progress. */
  wake(): void {
    if (!this.running) return;
    if (this.current) this.again = true;
    else this.schedule(0);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (!this.running || this.current) return;
    // The worker records each alert's own failures; this only keeps one bad run from ending the schedule.
    this.current = this.worker
      .drain(() => this.running)
      .catch((error: Error) => this.logger.error(`Alert delivery run failed: ${error.message}`));
    await this.current;
    this.current = undefined;
    const again = this.again;
    this.again = false;
    if (this.running) this.schedule(again ? 0 : INTERVAL_MS);
  }

  private async listen(): Promise<void> {
    try {
      const unlisten = await this.db.listen(
        OUTBOX_CHANNEL,
        () => this.wake(),
        (error) => {
          this.logger.warn(`Lost the outbox NOTIFY connection (${error.message}); polling until it is back`);
          this.unlisten = undefined;
          this.retryListen();
        },
      );
      if (this.running) this.unlisten = unlisten;
      else await unlisten();
    } catch (error) {
      this.logger.warn(`Cannot LISTEN for new alerts (${(error as Error).message}); polling only`);
      this.retryListen();
    }
  }

  private retryListen(): void {
    if (!this.running) return;
    this.relisten = setTimeout(() => void this.listen(), RELISTEN_MS);
    this.relisten.unref();
  }
}
