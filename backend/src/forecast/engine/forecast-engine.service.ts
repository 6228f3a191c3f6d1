import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { VisibleMirror } from '../../access/visible-mirror';
import { PulseConfig } from '../../config/pulse-config';
import { MirrorVersion } from '../../http/response-cache/mirror-version.service';
import { MirrorEvents } from '../../sync/mirror-events.service';
import { dealOf, dealsSql, type DealRow } from '../history/deal-rows';
import type { DealRecord } from '../history/deal-timeline';
import { instantDay } from '../history/days';
import { Quarters } from '../history/quarters';
import { ForecastModel } from '../model/forecast-model';
import { ORG_WIDE } from './org-wide';
import { LOOKBACK_DAYS, TrainingDataSource, type TrainingData } from './training-data';

/** When to learn again and re-read everything; tests shorten these. */
export interface EngineSettings {
  /** After closed history changes, wait at least this long since the last training. */
  retrainMinIntervalMs: number;
  /** Learn again this often regardless (time passes: older snapshots get their outcomes). */
  retrainMaxAgeMs: number;
  /** Re-read every open deal this often (drops deleted ones, repairs anything missed). */
  reloadEveryMs: number;
}

/** What a forecast request works from. Replaced, never changed, so a request sees one version. */
export interface EngineState {
  model: ForecastModel;
  training: TrainingData;
  quarters: Quarters;
  /** Every open deal in the org, with its history, by Id; a changed deal is a new object. */
  openDeals: ReadonlyMap<string, DealRecord>;
  /** Moves whenever closed history may have changed: what backtests are cached against. */
  closedVersion: number;
  trainedAt: Date;
  /** Deals re-read by the last refresh (all open deals after a full load). */
  lastRefreshDeals: number;
}

const CHANGED_SINCE = `o.salesforce_id IN (
    SELECT salesforce_id FROM visible_opportunity WHERE last_synced_at > $1::timestamptz
    UNION SELECT opportunity_id FROM visible_opportunity_history WHERE last_synced_at > $1::timestamptz)`;
/**
 * The next re-read starts from just before this read: writers stamp last_synced_at with their
 * transaction's start, and one still open now commits later with an earlier stamp. Two minutes
 * covers any sync transaction; the hourly full re-read covers the rest.
 */
const WATERMARK_SQL = `SELECT (now() - interval '2 minutes')::text AS at`;

/**
 * The live forecast's working set, kept up to date incrementally: the model (learnt org-wide)
 * and every open deal. When the mirror changes (announced on the leader, noticed through the
 * mirror version on every instance) only the deals written since the last look are re-read;
 * closing or editing a closed deal marks the model stale, and it is learnt again at most every
 * few minutes, in the background, while the previous model keeps answering.
 */
@Injectable()
export class ForecastEngine implements OnModuleDestroy {
  readonly settings: EngineSettings = {
    retrainMinIntervalMs: 10 * 60_000,
    retrainMaxAgeMs: 6 * 3_600_000,
    reloadEveryMs: 3_600_000,
  };
  private readonly logger = new Logger(ForecastEngine.name);
  readonly quarters: Quarters;
  private state?: Promise<EngineState>;
  private refreshing?: Promise<void>;
  private training?: Promise<void>;
  private syncedVersion?: string;
  private watermark = '-infinity';
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
    if (!this.state || Date.now() - this.loadedAt > this.settings.reloadEveryMs) this.state = this.load();
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

  /** For tests and benchmarks: waits for a refresh or training running in the background. */
  async settled(): Promise<void> {
    await this.refreshing;
    await this.training;
  }

  private async load(): Promise<EngineState> {
    this.loadedAt = Date.now();
    const [version, watermark] = await Promise.all([this.version.current(), this.readWatermark()]);
    const now = instantDay(Date.now());
    // Learning runs while PostgreSQL still reads the open deals: the two overlap.
    const learnt = this.trainingData.load(now).then((training) => ({ training, model: this.train(training, now) }));
    const [{ training, model }, rows] = await Promise.all([
      learnt,
      this.mirror.query<DealRow>(ORG_WIDE, dealsSql('o.is_closed IS NOT TRUE')),
    ]);
    this.syncedVersion = version;
    this.watermark = watermark ?? '-infinity';
    this.closedChanged = false;
    return {
      model,
      training,
      quarters: this.quarters,
      openDeals: new Map(rows.map((row) => [row.id, dealOf(row)])),
      closedVersion: ++this.closedVersion,
      trainedAt: new Date(),
      lastRefreshDeals: rows.length,
    };
  }

  /** Re-reads the deals written since the watermark; one at a time. */
  private refresh(): Promise<void> {
    this.refreshing ??= this.applyChanges().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async applyChanges(): Promise<void> {
    if (!this.state) return;
    const [version, watermark] = await Promise.all([this.version.current(), this.readWatermark()]);
    const rows = await this.mirror.query<DealRow>(ORG_WIDE, dealsSql(CHANGED_SINCE), [this.watermark]);
    // Applied to the state as it is now: a training may have finished meanwhile.
    const state = await this.state;
    const openDeals = new Map(state.openDeals);
    let closedChanged = false;
    for (const row of rows) {
      const deal = dealOf(row);
      if (!deal.isClosed) openDeals.set(deal.id, deal);
      // A deal that closed: new closed history. (Edits to long-closed deals wait for the scheduled training.)
      else if (openDeals.delete(deal.id)) closedChanged = true;
    }
    if (closedChanged) this.closedChanged = true;
    this.watermark = watermark ?? this.watermark;
    this.syncedVersion = version;
    this.state = Promise.resolve({
      ...state,
      openDeals,
      closedVersion: closedChanged ? ++this.closedVersion : state.closedVersion,
      lastRefreshDeals: rows.length,
    });
  }

  private async readWatermark(): Promise<string | null> {
    const [{ at }] = await this.mirror.query<{ at: string | null }>(ORG_WIDE, WATERMARK_SQL);
    return at;
  }

  private retrainIfDue(state: EngineState): void {
    const age = Date.now() - state.trainedAt.getTime();
    const due = age > this.settings.retrainMaxAgeMs || (this.closedChanged && age >= this.settings.retrainMinIntervalMs);
    if (!due || this.training) return;
    this.closedChanged = false;
    this.training = this.retrain()
      .catch((error: unknown) => this.logger.error(`Forecast model training failed: ${(error as Error).message}`))
      .finally(() => (this.training = undefined));
  }

  private async retrain(): Promise<void> {
    const now = instantDay(Date.now());
    const known = this.state ? (await this.state).openDeals.size : undefined;
    const training = await this.trainingData.load(now, LOOKBACK_DAYS, known);
    const model = this.train(training, now);
    if (!this.state) return; // started again meanwhile (the sales process changed)
    const state = await this.state;
    this.state = Promise.resolve({ ...state, model, training, trainedAt: new Date() });
  }

  /** This quarter's model and the win model now (nearly every forecast needs them); the others when asked for. */
  private train(training: TrainingData, now: number): ForecastModel {
    return ForecastModel.train({ ...training, quarters: this.quarters, cutoff: now, lookbackDays: LOOKBACK_DAYS }, undefined, {
      win: true,
      windows: [0],
    });
  }
}
