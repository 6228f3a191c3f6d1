// A running load's progress: records/s over this attempt (a resumed load's earlier pages are not
// counted as this attempt's speed), ETA from the total Salesforce counted for the job.
import type { LoadProgress } from './object-loader';

export class ProgressTracker {
  private readonly attemptStartedMs = Date.now();
  private lastLogMs = 0;
  total?: number;

  constructor(
    readonly sobject: string,
    /** Records already loaded when this attempt started (resuming a load). */
    private readonly loadedBefore: number,
    public loaded: number,
    public pages: number,
    readonly startedAt: Date,
  ) {}

  page(records: number): void {
    this.loaded += records;
    this.pages += 1;
  }

  get seconds(): number {
    return (Date.now() - this.attemptStartedMs) / 1000;
  }

  snapshot(): LoadProgress {
    const seconds = this.seconds;
    const done = this.loaded - this.loadedBefore;
    const recordsPerSecond = seconds > 0 ? Math.round(done / seconds) : 0;
    const remaining = this.total === undefined ? undefined : Math.max(0, this.total - this.loaded);
    return {
      sobject: this.sobject,
      loaded: this.loaded,
      total: this.total,
      recordsPerSecond,
      etaSeconds: remaining !== undefined && recordsPerSecond > 0 ? Math.ceil(remaining / recordsPerSecond) : undefined,
      pages: this.pages,
      startedAt: this.startedAt.toISOString(),
    };
  }

  /** True at most once per `everyMs`: the console gets a line every few seconds, not per page. */
  due(everyMs: number): boolean {
    const now = Date.now();
    if (now - this.lastLogMs < everyMs) return false;
    this.lastLogMs = now;
    return true;
  }

  describe(): string {
    const p = this.snapshot();
    const count = p.total === undefined ? `${p.loaded}` : `${p.loaded}/${p.total}`;
    const share = p.total ? ` (${Math.floor((100 * p.loaded) / p.total)}%)` : '';
    const eta = p.etaSeconds === undefined ? '' : `, ETA ${p.etaSeconds} s`;
    return `${this.sobject}: ${count} records${share}, ${p.recordsPerSecond} records/s${eta}, ${p.pages} pages`;
  }
}
