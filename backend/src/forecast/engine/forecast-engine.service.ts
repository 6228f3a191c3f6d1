import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { VisibleMirror } from '../../access/visible-mirror';
import { PulseConfig } from '../../config/pulse-config';
import { MirrorVersion } from '../../http/response-cache/mirror-version.service';
import { MirrorEvents } from '../../sync/mirror-events.service';
import { dealOf } from '../history/deal-rows';
import { instantDay } from '../history/days';
import { Quarters } from '../history/quarters';
import { ForecastModel } from '../model/forecast-model';
import { applyChangedRows } from './changed-deals';
import type { EngineSettings, EngineState } from './engine-state';
import { readChangedDeals, readMark, readOpenDeals, type ReadMark } from './open-deal-reads';
import { LOOKBACK_DAYS, TrainingDataSource, type TrainingData } from './training-data';

export type { EngineSettings, EngineState } from './engine-state';

/** A full read, with where the next incremental one starts. */
interface Loaded {
  state: EngineState;
  version: string;
  mark: ReadMark;
}

/**
 * The live forecast's working set, kept up to date incrementally: the model (learnt org-wide)
 * and every open deal. When the mirror changes (announced on the leader, noticed through the
 * mirror version on every instance) only the deals written since the last look are re-read;
 * a deal closing marks the model stale, and it is learnt again at most every few minutes, in the
 * background, while the previous model keeps answering. Every hour everything is re-read, in the
 * background too.
 */
@Injectable()
export class ForecastEngine implements OnModuleDestroy {
  readonly settings: EngineSettings = {
    retrainMinIntervalMs: 10 * 60_000,
    retrainMaxAgeMs: 6 * 3_600_000,
    reloadEveryMs: 3_600_000,
  };
  readonly quarters: Quarters;
  private readonly logger = new Logger(ForecastEngine.name);
  private state?: Promise<EngineState>;
  private refreshing?: Promise<void>;
  private reloading?: Promise<void>;
  private training?: Promise<void>;
  private syncedVersion?: string;
  /** Where the next incremental read starts; rows written after its `now` are news. */
  private mark: ReadMark = { at: '-infinity', now: -Infinity };
  private loadedAt = 0;
  private closedVersion = 0;
  private closedChanged = false;
  private readonly subscription: Subscription;

  constructor(
    private readonly mirror: VisibleMirror,
    private readonly trainingData: TrainingDataSource,
    private readonly version: MirrorVersion,
    config: PulseConfig,
    events: MirrorEvents,
  ) {
    this.quarters = new Quarters(config.fiscalYearStartMonth);
    this.subscription = events.changes.subscribe((change) => {
      if (!this.state) return;
      // A changed sales process changes every feature: start again. Deal changes: re-read those.
      if (change.entities.includes('OpportunityStage')) this.state = undefined;
      else if (change.entities.some((e) => e === 'Opportunity' || e === 'OpportunityHistory')) void this.refresh();
    });
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  /** The working set at the mirror's current version (loaded on first use). */
  async current(): Promise<EngineState> {
    if (!this.state) this.state = this.load().then((loaded) => this.install(loaded));
    else if (Date.now() - this.loadedAt > this.settings.reloadEveryMs) this.reloadInBackground();
    try {
      await this.state;
    } catch (error) {
      this.state = undefined; // a failed load is retried by the next request
      throw error;
    }
    if ((await this.version.current()) !== this.syncedVersion) await this.refresh();
    const state = await this.state;
    this.retrainIfDue(state);
    return state;
  }

  /** For tests and benchmarks: waits for a refresh, reload or training running in the background. */
  async settled(): Promise<void> {
    await this.refreshing;
    await this.reloading;
    await this.training;
  }

  /** Learns the model again now (a deal closing makes it happen a few minutes later). */
  async retrainNow(): Promise<void> {
    await this.current();
    await this.training;
    this.training = this.retrain().finally(() => (this.training = undefined));
    await this.training;
  }

  private async load(): Promise<Loaded> {
    this.loadedAt = Date.now();
    const [version, mark] = await Promise.all([this.version.current(), readMark(this.mirror)]);
    const now = instantDay(Date.now());
    // Learning runs while PostgreSQL still reads the open deals: the two overlap.
    const learnt = this.trainingData.load(now).then((training) => ({ training, model: this.train(training, now) }));
    const [{ training, model }, rows] = await Promise.all([learnt, readOpenDeals(this.mirror)]);
    const state: EngineState = {
      model,
      training,
      openDeals: new Map(rows.map((row) => [row.id, dealOf(row)])),
      closedVersion: ++this.closedVersion,
      trainedAt: new Date(),
    };
    return { state, version, mark };
  }

  /** Takes a full read as the working set; incremental reads continue from its mark. */
  private install(loaded: Loaded): EngineState {
    this.syncedVersion = loaded.version;
    this.mark = loaded.mark;
    this.closedChanged = false;
    return loaded.state;
  }

  /** The hourly full re-read: the current state keeps answering until the new one is ready. */
  private reloadInBackground(): void {
    if (this.reloading) return;
    this.reloading = this.load()
      .then((loaded) => void (this.state = Promise.resolve(this.install(loaded))))
      .catch((error: unknown) => this.logger.error(`Forecast reload failed: ${(error as Error).message}`))
      .finally(() => (this.reloading = undefined));
  }

  /** Re-reads the deals written since the mark; one at a time, none during a full re-read. */
  private refresh(): Promise<void> {
    if (this.reloading) return Promise.resolve();
    this.refreshing ??= this.applyChanges().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async applyChanges(): Promise<void> {
    if (!this.state) return;
    const [version, mark] = await Promise.all([this.version.current(), readMark(this.mirror)]);
    const rows = await readChangedDeals(this.mirror, this.mark);
    // Applied to the state as it is now: a training may have finished meanwhile.
    const state = await this.state;
    const { openDeals, closedChanged } = applyChangedRows(state.openDeals, rows, this.mark.now);
    if (closedChanged) this.closedChanged = true;
    this.mark = mark;
    this.syncedVersion = version;
    this.state = Promise.resolve({
      ...state,
      openDeals,
      closedVersion: closedChanged ? ++this.closedVersion : state.closedVersion,
    });
  }

  private retrainIfDue(state: EngineState): void {
    const age = Date.now() - state.trainedAt.getTime();
    const due =
      age > this.settings.retrainMaxAgeMs || (this.closedChanged && age >= this.settings.retrainMinIntervalMs);
    if (!due || this.training) return;
    this.training = this.retrain()
      .catch((error: unknown) => this.logger.error(`Forecast model training failed: ${(error as Error).message}`))
      .finally(() => (this.training = undefined));
  }

  private async retrain(): Promise<void> {
    this.closedChanged = false;
    const now = instantDay(Date.now());
    const training = await this.trainingData.load(now);
    const model = this.train(training, now);
    if (!this.state) return; // started again meanwhile (the sales process changed)
    const state = await this.state;
    this.state = Promise.resolve({ ...state, model, training, trainedAt: new Date() });
  }

  /** The win model and this quarter's now (nearly every forecast needs them); the others when asked for. */
  private train(training: TrainingData, now: number): ForecastModel {
    return ForecastModel.train(
      { ...training, quarters: this.quarters, cutoff: now, lookbackDays: LOOKBACK_DAYS },
      undefined,
      { win: true, windows: [0] },
    );
  }
}
