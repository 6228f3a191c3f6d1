// A LeaderWork that runs a task on a fixed interval, never two runs at once: the next run is
// scheduled when the previous one ends, so a slow org delays the schedule instead of piling up.
import type { Logger } from '@nestjs/common';
import type { LeaderWork } from './leader-work';

export class IntervalWork implements LeaderWork {
  private timer?: NodeJS.Timeout;
  private current?: Promise<void>;
  private running = false;

  /** `intervalMs` 0 disables the work (start does nothing). */
  constructor(
    readonly name: string,
    private readonly intervalMs: number,
    private readonly task: () => Promise<void>,
    private readonly logger: Logger,
    private readonly firstDelayMs = 0,
  ) {}

  get active(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running || this.intervalMs <= 0) return;
    this.running = true;
    this.logger.log(`Starting ${this.name} every ${this.intervalMs / 1000} s`);
    this.schedule(this.firstDelayMs);
  }

  async stop(): Promise<void> {
    if (this.running) this.logger.log(`Stopping ${this.name}`);
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.current;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (!this.running) return;
    // The task reports its own failures; this only keeps one from ending the schedule.
    this.current = this.task().catch((error: Error) => this.logger.error(`${this.name} failed: ${error.message}`));
    await this.current;
    this.current = undefined;
    if (this.running) this.schedule(this.intervalMs);
  }
}
