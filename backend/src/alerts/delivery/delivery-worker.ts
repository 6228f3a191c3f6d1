// One pass of alert delivery: claim a small batch of due outbox rows, send them, record each row's
// outcome; then the daily digests. Runs on the leader only (DeliveryScheduler); tests call runOnce
// with a clock they move. Nothing here shares a connection or a transaction with the sync.
import { Injectable, Logger } from '@nestjs/common';
import { AlertSender } from './alert-sender';
import { DeliveryClock } from './delivery-clock';
import { DeliveryDatabase } from './delivery-database';
import { DeliveryMetrics } from './delivery-metrics';
import { DigestSender } from './digest/digest-sender';
import { claimDue } from './outbox/claim-due';
import { recordOutcome } from './outbox/record-outcome';

export const BATCH_SIZE = 20;
/** Batches per scheduled run when the outbox is backed up; the rest waits for the next tick. */
const MAX_BATCHES_PER_RUN = 10;

export interface DeliveryRun {
  /** Rows taken from the outbox (a full batch: more may be due). */
  taken: number;
  delivered: number;
  retrying: number;
  failed: number;
  deferred: number;
  digested: number;
  digestsSent: number;
}

@Injectable()
export class DeliveryWorker {
  private readonly logger = new Logger(DeliveryWorker.name);

  constructor(
    private readonly db: DeliveryDatabase,
    private readonly clock: DeliveryClock,
    private readonly sender: AlertSender,
    private readonly digests: DigestSender,
    private readonly metrics: DeliveryMetrics,
  ) {}

  async runOnce(batchSize = BATCH_SIZE): Promise<DeliveryRun> {
    const now = this.clock.now();
    const claim = await claimDue(this.db, now, batchSize);
    const run: DeliveryRun = {
      taken: claim.taken,
      delivered: 0,
      retrying: 0,
      failed: 0,
      deferred: claim.deferred,
      digested: claim.digested,
      digestsSent: 0,
    };
    this.metrics.deliveries.inc({ outcome: 'deferred' }, claim.deferred);
    this.metrics.deliveries.inc({ outcome: 'digested' }, claim.digested);
    for (const outcome of await this.sender.send(claim.alerts)) {
      // Backoff counts from when the attempt ended.
      const status = await recordOutcome(this.db, this.clock.now(), outcome);
      run[status]++;
      this.metrics.deliveries.inc({ outcome: status });
      const { id, userId, attempts } = outcome.alert;
      if (status === 'delivered')
        this.logger.debug(`Alert ${id} delivered to user ${userId} (${outcome.reached.join(', ')})`);
      else if (status === 'failed')
        this.logger.error(`Alert ${id} for user ${userId} failed for good after ${attempts} attempt(s)`);
      else this.logger.warn(`Alert ${id} for user ${userId}: attempt ${attempts} failed; will retry`);
    }
    run.digestsSent = await this.digests.run(now, () => this.clock.now());
    return run;
  }

  /** Runs batches while full ones come back (a backlog), up to a bound; `going` false stops between batches. */
  async drain(going: () => boolean = () => true): Promise<void> {
    for (let i = 0; i < MAX_BATCHES_PER_RUN && going(); i++) if ((await this.runOnce()).taken < BATCH_SIZE) return;
  }
}
