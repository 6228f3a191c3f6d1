import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PulseConfig } from '../../config/pulse-config';
import { SalesforceConnection } from '../../salesforce/salesforce-connection.service';
import { IntervalWork } from '../poll/interval-work';
import type { LeaderWork } from '../poll/leader-work';
import { ReconciliationService } from './reconciliation.service';

/** The first run after gaining leadership: soon, since a fail-over is when drift is likeliest. */
const FIRST_RUN_MS = 60_000;

/** Reconciles every RECONCILE_INTERVAL_MINUTES while this instance leads (0 turns it off). */
@Injectable()
export class ReconcileScheduler implements LeaderWork, OnApplicationShutdown {
  readonly name = 'reconciliation';
  private readonly work: IntervalWork;

  constructor(config: PulseConfig, salesforce: SalesforceConnection, reconciliation: ReconciliationService) {
    const interval = config.schedules.reconcileIntervalMinutes * 60_000;
    this.work = new IntervalWork(
      'reconciliation',
      interval,
      async () => void (await reconciliation.reconcileOnce(await salesforce.get())),
      new Logger(ReconcileScheduler.name),
      Math.min(FIRST_RUN_MS, interval),
    );
  }

  get active(): boolean {
    return this.work.active;
  }

  start(): void {
    this.work.start();
  }

  stop(): Promise<void> {
    return this.work.stop();
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }
}
