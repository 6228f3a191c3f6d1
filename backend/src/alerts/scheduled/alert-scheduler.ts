import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PulseConfig } from '../../config/pulse-config';
import { IntervalWork } from '../../sync/poll/interval-work';
import type { LeaderWork } from '../../sync/poll/leader-work';
import { ScheduledRulesService } from './scheduled-rules.service';

/** Runs the time-based rules every ALERT_CHECK_INTERVAL_MINUTES while this instance leads the sync. */
@Injectable()
export class AlertScheduler implements LeaderWork, OnApplicationShutdown {
  readonly name = 'alert rules';
  private readonly work: IntervalWork;

  constructor(config: PulseConfig, rules: ScheduledRulesService) {
    const interval = config.alertRules.checkIntervalMinutes * 60_000;
    // The first run waits a minute: a new leader's view of the sync (lag, states) settles first.
    this.work = new IntervalWork(
      'alert rules',
      interval,
      async () => void (await rules.runOnce()),
      new Logger(AlertScheduler.name),
      Math.min(interval, 60_000),
    );
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
