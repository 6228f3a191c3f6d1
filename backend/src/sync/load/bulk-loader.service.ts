// Loads whole objects with Bulk API 2.0 (queryAll) page by page into the mirror, resuming an
// interrupted load where its last committed page left it; and re-reads named records over REST.
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Connection } from 'jsforce';
import { DataSource } from 'typeorm';
import type { EffectiveObject } from '../../mirror/mirror-config';
import { markDeleted, upsertRecords, type SalesforceRecord } from '../../mirror/mirror-writer';
import { SyncMetrics } from '../status/sync-metrics';
import {
  BulkJobFailed,
  BulkJobGone,
  BulkQueryClient,
  DEFAULT_BULK_CLIENT_OPTIONS,
  type BulkClientOptions,
} from './bulk-query-client';
import { selectFields, type FieldSelection } from './field-selection';
import { ProgressTracker } from './load-progress';
import { attachJob, beginLoad, failLoad, markResuming, readLoadState, type LoadState } from './load-state';
import type { LoadProgress, LoadResult, ObjectLoader } from './object-loader';
import { stagePage, type WrittenPage } from './page-writer';
import { BULK_UNSUPPORTED, loadOverRest } from './rest-load';

export interface BulkLoaderOptions extends BulkClientOptions {
  /** Records per result page (and per transaction): what a crash can cost to redo. */
  maxRecords: number;
  /** How often a running load logs its progress. */
  logEveryMs: number;
  /** Ids per SOQL `WHERE Id IN (...)` when re-fetching. */
  refetchBatch: number;
}

export const DEFAULT_BULK_LOADER_OPTIONS: BulkLoaderOptions = {
  ...DEFAULT_BULK_CLIENT_OPTIONS,
  maxRecords: 50_000,
  logEveryMs: 5_000,
  refetchBatch: 200,
};

/** Nest token for partial BulkLoaderOptions (tests use small pages and short retries). */
export const BULK_LOADER_OPTIONS = Symbol('BulkLoaderOptions');

const SALESFORCE_ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

@Injectable()
export class BulkLoader implements ObjectLoader {
  private readonly logger = new Logger(BulkLoader.name);
  private readonly options: BulkLoaderOptions;
  /** Describes are asked once per object; the org's schema does not change under a running sync. */
  private readonly selections = new Map<string, Promise<FieldSelection>>();
  private readonly running = new Map<string, ProgressTracker>();
  /** One load per object at a time in this process (their state rows would interleave). */
  private readonly active = new Set<string>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Optional() @Inject(BULK_LOADER_OPTIONS) options?: Partial<BulkLoaderOptions>,
    @Optional() private readonly metrics?: SyncMetrics,
  ) {
    const given = Object.entries(options ?? {}).filter(([, value]) => value !== undefined);
    this.options = { ...DEFAULT_BULK_LOADER_OPTIONS, ...Object.fromEntries(given) };
  }

  currentProgress(): LoadProgress[] {
    return [...this.running.values()].map((t) => t.snapshot());
  }

  async load(
    conn: Connection,
    object: EffectiveObject,
    options: { fresh?: boolean; onProgress?: (p: LoadProgress) => void } = {},
  ): Promise<LoadResult> {
    const { sobject } = object;
    if (this.active.has(sobject)) throw new Error(`${sobject} is already being loaded`);
    this.active.add(sobject);
    const calledAt = Date.now();
    const bulk = new BulkQueryClient(conn, this.options);
    try {
      const selection = await this.selectionOf(conn, object);
      if (BULK_UNSUPPORTED.has(sobject)) return await this.loadOverRest(conn, selection, calledAt, options.onProgress);
      let state = options.fresh ? undefined : await readLoadState(this.db, sobject);
      // A finished last page clears the job in its own transaction; a job without a next page is no resume.
      if (state && state.pagesLoaded > 0 && state.nextLocator === null) state = undefined;
      let resumed = Boolean(state?.bulkJobId);
      if (resumed && state) {
        this.logger.log(
          `Resuming the load of ${sobject} (Bulk API job ${state.bulkJobId}) after page ${state.pagesLoaded} ` +
            `(${state.recordsLoaded} records already in)`,
        );
        await markResuming(this.db, sobject);
      }
      for (let restarted = false; ; restarted = true) {
        if (!state?.bulkJobId) state = await this.startJob(bulk, selection, sobject);
        try {
          return await this.loadPages(bulk, selection, state, { resumed, calledAt, onProgress: options.onProgress });
        } catch (error) {
          // Jobs vanish (Salesforce deletes them after 7 days; an emulator restart): one new job.
          if (!(error instanceof BulkJobGone) || restarted) throw error;
          this.logger.warn(`${error.message}: loading ${sobject} again from the first page`);
          this.running.delete(sobject);
          state = undefined;
          resumed = false;
        }
      }
    } catch (error) {
      const message = `Loading ${sobject} failed: ${(error as Error).message}`;
      this.logger.error(message);
      this.metrics?.errors.inc({ kind: 'load' });
      const dropJob = error instanceof BulkJobFailed || error instanceof BulkJobGone;
      await failLoad(this.db, sobject, message, dropJob).catch((e: Error) =>
        this.logger.error(`Recording the failed load of ${sobject} failed too: ${e.message}`),
      );
      throw error;
    } finally {
      this.running.delete(sobject);
      this.active.delete(sobject);
    }
  }

  /** The start time is stored before the job exists: everything the job returns is newer. */
  private async startJob(bulk: BulkQueryClient, selection: FieldSelection, sobject: string): Promise<LoadState> {
    const state = await beginLoad(this.db, sobject);
    const job = await bulk.create(`SELECT ${selection.fields.join(', ')} FROM ${sobject}`);
    await attachJob(this.db, sobject, job.id);
    this.logger.log(`Loading ${sobject} with Bulk API job ${job.id}`);
    return { ...state, bulkJobId: job.id };
  }

  private async loadPages(
    bulk: BulkQueryClient,
    selection: FieldSelection,
    state: LoadState,
    run: { resumed: boolean; calledAt: number; onProgress?: (p: LoadProgress) => void },
  ): Promise<LoadResult> {
    const { resumed, onProgress } = run;
    const { sobject } = selection.object;
    const jobId = state.bulkJobId!;
    const startedAt = state.loadStartedAt ?? new Date();
    const tracker = new ProgressTracker(
      sobject,
      state.recordsLoaded,
      state.recordsLoaded,
      state.pagesLoaded,
      startedAt,
    );
    this.running.set(sobject, tracker);
    tracker.due(0);
    const info = await bulk.waitUntilComplete(jobId, (job) => {
      if (job.state !== 'JobComplete' && tracker.due(this.options.logEveryMs))
        this.logger.log(`${sobject}: Bulk API job ${jobId} is ${job.state}`);
    });
    tracker.total = info.numberRecordsProcessed;
    const target = { object: selection.object, extraKinds: selection.extraKinds, loadStartedAt: startedAt };
    let locator = state.nextLocator;
    let swept = 0;
    const settle = (written: WrittenPage) => {
      tracker.page(written.records);
      swept = written.swept;
      this.metrics?.recordsLoaded.inc({ sobject, source: 'load' }, written.records);
      this.report(tracker, onProgress);
    };
    // Two pages in flight at most: the next one is fetched and copied while this one's upsert runs.
    let committing: Promise<WrittenPage> | undefined;
    try {
      do {
        const page = await bulk.page(jobId, locator, this.options.maxRecords);
        const staged = await stagePage(this.db, target, page);
        if (committing) {
          try {
            settle(await committing);
          } catch (error) {
            await staged.abort();
            throw error;
          }
        }
        committing = staged.commit();
        committing.catch(() => undefined); // awaited below; no unhandled rejection meanwhile
        locator = page.nextLocator;
      } while (locator !== null);
      settle(await committing);
    } catch (error) {
      // The page already committing finishes (or fails) first: no transaction is left behind.
      await committing?.catch(() => undefined);
      throw error;
    }

    const result: LoadResult = {
      sobject,
      loaded: tracker.loaded,
      swept,
      seconds: (Date.now() - run.calledAt) / 1000,
      pages: tracker.pages,
      resumed,
    };
    this.logger.log(
      `Loaded ${sobject}: ${result.loaded} records in ${tracker.seconds.toFixed(1)} s ` +
        `(${tracker.snapshot().recordsPerSecond} records/s), ${result.pages} pages` +
        `${resumed ? ', resumed' : ''}; ${swept} rows no longer in the org marked deleted`,
    );
    return result;
  }

  private async loadOverRest(
    conn: Connection,
    selection: FieldSelection,
    calledAt: number,
    onProgress?: (p: LoadProgress) => void,
  ): Promise<LoadResult> {
    const { sobject } = selection.object;
    const tracker = new ProgressTracker(sobject, 0, 0, 0, new Date());
    this.running.set(sobject, tracker);
    const { loaded, swept } = await loadOverRest(this.db, conn, selection, (page) => {
      const records = page.loaded - tracker.loaded;
      tracker.total = page.total;
      tracker.page(records);
      this.metrics?.recordsLoaded.inc({ sobject, source: 'load' }, records);
      this.report(tracker, onProgress);
    });
    const seconds = (Date.now() - calledAt) / 1000;
    this.logger.log(
      `Loaded ${sobject} over REST (the Bulk API does not serve it): ${loaded} records in ${seconds.toFixed(1)} s; ` +
        `${swept} rows no longer in the org marked deleted`,
    );
    return { sobject, loaded, swept, seconds, pages: tracker.pages, resumed: false };
  }

  private report(tracker: ProgressTracker, onProgress?: (p: LoadProgress) => void): void {
    if (tracker.due(this.options.logEveryMs)) this.logger.log(`Loading ${tracker.describe()}`);
    try {
      onProgress?.(tracker.snapshot());
    } catch (error) {
      // A listener's failure is not the load's: the page is committed either way.
      this.logger.warn(`A load progress listener failed: ${(error as Error).message}`);
    }
  }

  async refetch(conn: Connection, object: EffectiveObject, ids: string[]): Promise<void> {
    const bad = ids.filter((id) => !SALESFORCE_ID.test(id));
    if (bad.length > 0) this.logger.warn(`Not re-fetching malformed ${object.sobject} ids: ${bad.join(', ')}`);
    const wanted = [...new Set(ids.filter((id) => SALESFORCE_ID.test(id)))];
    if (wanted.length === 0) return;
    const selection = await this.selectionOf(conn, object);
    const spelled = selection.object;
    for (let i = 0; i < wanted.length; i += this.options.refetchBatch) {
      const batch = wanted.slice(i, i + this.options.refetchBatch);
      const soql =
        `SELECT ${selection.fields.join(', ')} FROM ${spelled.sobject} ` +
        `WHERE Id IN (${batch.map((id) => `'${id}'`).join(', ')})`;
      const records: SalesforceRecord[] = [];
      let result = await conn.query<SalesforceRecord>(soql, { scanAll: true });
      records.push(...result.records);
      while (!result.done && result.nextRecordsUrl) {
        result = await conn.queryMore<SalesforceRecord>(result.nextRecordsUrl);
        records.push(...result.records);
      }
      // 15- and 18-character ids name the same record.
      const found = new Set(records.map((r) => r.Id.slice(0, 15)));
      const gone = batch.filter((id) => !found.has(id.slice(0, 15)));
      await this.db.transaction(async (tx) => {
        await upsertRecords(tx, spelled, records);
        // queryAll returns deleted records too: one it does not return was hard-deleted.
        await markDeleted(tx, spelled, gone);
      });
      this.metrics?.recordsLoaded.inc({ sobject: spelled.sobject, source: 'refetch' }, records.length);
      if (gone.length > 0) this.logger.log(`${spelled.sobject}: ${gone.length} re-fetched records no longer exist`);
    }
  }

  private selectionOf(conn: Connection, object: EffectiveObject): Promise<FieldSelection> {
    const key = [object.sobject, ...object.fields.map((f) => f.field), '|', ...object.extraFields].join(',');
    let selection = this.selections.get(key);
    if (!selection) {
      selection = selectFields(conn, object).then((s) => {
        if (s.missing.length > 0)
          this.logger.warn(
            `${object.sobject}: the org has no ${s.missing.join(', ')}; ` +
              `${s.missing.length === 1 ? 'that field stays' : 'those fields stay'} empty in the mirror`,
          );
        return s;
      });
      selection.catch(() => this.selections.delete(key));
      this.selections.set(key, selection);
    }
    return selection;
  }
}
