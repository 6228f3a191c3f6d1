import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PulseConfig } from '../../config/pulse-config';
import { SalesforceConnection } from '../../salesforce/salesforce-connection.service';
import { IntervalWork } from './interval-work';
import type { LeaderWork } from './leader-work';
import { PollingService } from './polling.service';

/** Polls every POLL_INTERVAL_SECONDS while this instance leads; nothing to do when every object streams. */
@Injectable()
export class PollScheduler implements LeaderWork, OnApplicationShutdown {
  readonly name = 'polling';
  private readonly work: IntervalWork;

  constructor(config: PulseConfig, salesforce: SalesforceConnection, polling: PollingService) {
    const interval = polling.polledObjects().length > 0 ? config.schedules.pollIntervalSeconds * 1000 : 0;
    this.work = new IntervalWork(
      'polling',
      interval,
      async () => void (await polling.pollOnce(await salesforce.get())),
      new Logger(PollScheduler.name),
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
