import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Connection } from 'jsforce';
import { DataSource } from 'typeorm';
import { PulseConfig } from '../../config/pulse-config';
import type { EffectiveObject } from '../../mirror/mirror-config';
import type { SalesforceRecord } from '../../mirror/mirror-writer';
import { MirrorEvents } from '../mirror-events.service';
import { salesforceDateTime, soqlCount, soqlDateTime, soqlPages } from '../poll/soql';
import { SoqlFields } from '../poll/soql-fields.service';
import { recordSyncError } from '../poll/sync-errors';
import { SyncMetrics } from '../status/sync-metrics';
import { compareRanges, orgWatermark } from './id-ranges';
import { noRepairs, repairCount, repairRecords, writeDrifted, type Repairs } from './repair';

/**
 * Each run re-checks from this long before the previous run's end: a record written in a long
 * transaction carries a stamp from before its commit, and the org's clock is not ours.
 */
export const RECONCILE_MARGIN_MS = 10 * 60_000;
/** Changes younger than this are left to the next run: they may still be on their way through the stream. */
export const RECONCILE_SETTLE_MS = 30_000;
/** Beyond this many suspect rows, repairing row by row costs more than reloading the object. */
export const MAX_ROW_REPAIRS = 20_000;
/** Ids kept per kind in a run's details (the count is always exact). */
const DETAIL_IDS = 100;

const BUSY_STATES = new Set(['loading', 'resyncing']);

export interface ReconcileOptions {
  settleMs?: number;
  marginMs?: number;
  /** Mirror rows per id range compared by count (default RANGE_ROWS). */
  rangeRows?: number;
  /** Compare every record's values, not only what was stamped since the last run (on demand). */
  deep?: boolean;
}

export interface ReconciliationReport {
  /** The sync_reconciliation row; absent when the object was skipped. */
  id?: string;
  sobject: string;
  startedAt: string;
  finishedAt?: string;
  /** Live rows (not in the recycle bin) in the org and in the mirror before the range comparison. */
  orgCount?: number;
  mirrorCount?: number;
  /** Rows in the org's recycle bin; the mirror's deleted rows (which also keep hard-deleted ones). */
  orgDeleted?: number;
  mirrorDeleted?: number;
  orgWatermark?: string | null;
  mirrorWatermark?: string | null;
  repaired: number;
  repairs: Repairs;
  /** What the run examined: the SystemModstamp window and the id ranges. */
  checked?: { since: string | null; through: string; windowRecords: number; ranges: number; rangesDiffering: number };
  error?: string;
  skipped?: string;
}

/**
 * Finds and repairs what the stream and the poll can miss, per object:
 *  1. records stamped since the previous run (less a margin) whose stamp or deleted flag differ from
 *     the mirror's: changes that emitted no event, lost events, missed deletes and undeletes;
 *  2. then, when the org's and the mirror's live counts differ, the id ranges that differ: rows
 *     hard-deleted without an event (the recycle bin emptied) and rows never received.
 * Every suspect is re-read by id and written only if it differs. Each run is recorded in
 * sync_reconciliation (counts, watermarks, what was repaired), each failure in sync_error.
 * Safe beside streaming and polling: every write keeps the newer version (SystemModstamp).
 */
@Injectable()
export class ReconciliationService {
  private readonly logger = new Logger(ReconciliationService.name);
  /** Runs one at a time (scheduled and on demand), so two never repair the same rows at once. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: PulseConfig,
    private readonly fields: SoqlFields,
    private readonly metrics: SyncMetrics,
    private readonly mirrorEvents: MirrorEvents,
  ) {}

  /** Reconciles the given objects (default: every mirrored one), after any run in progress. */
  reconcileOnce(
    conn: Connection,
    objects: EffectiveObject[] = this.config.sync.objects,
    options: ReconcileOptions = {},
  ): Promise<ReconciliationReport[]> {
    const run = this.queue.then(async () => {
      const reports: ReconciliationReport[] = [];
      for (const object of objects) reports.push(await this.reconcileObject(conn, object, options));
      const repairedObjects = reports.filter((r) => r.repaired > 0).map((r) => r.sobject);
      if (repairedObjects.length > 0) this.mirrorEvents.emit(repairedObjects);
      return reports;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async reconcileObject(
    conn: Connection,
    object: EffectiveObject,
    options: ReconcileOptions,
  ): Promise<ReconciliationReport> {
    const startedAt = new Date();
    const report: ReconciliationReport = {
      sobject: object.sobject,
      startedAt: startedAt.toISOString(),
      repaired: 0,
      repairs: noRepairs(),
    };
    const [state] = (await this.db.query(
      `SELECT state, load_started_at, loaded_at, last_polled_at, watermark FROM sync_object_state WHERE sobject = $1`,
      [object.sobject],
    )) as {
      state: string;
      load_started_at: Date | null;
      loaded_at: Date | null;
      last_polled_at: Date | null;
      watermark: Date | null;
    }[];
    if (state && BUSY_STATES.has(state.state)) return { ...report, skipped: `the object is ${state.state}` };
    if (!state || !(state.loaded_at || state.last_polled_at || state.watermark))
      return { ...report, skipped: 'the object has not been loaded yet' };

    const [{ id }] = (await this.db.query(
      `INSERT INTO sync_reconciliation (sobject, started_at) VALUES ($1, $2) RETURNING id`,
      [object.sobject, startedAt],
    )) as { id: string }[];
    report.id = String(id);
    try {
      await this.check(conn, object, state, options, report);
      report.repaired = repairCount(report.repairs);
      this.metrics.reconciliations.inc({
        sobject: object.sobject,
        outcome: report.repaired > 0 ? 'repaired' : 'consistent',
      });
      this.metrics.lastReconciliation.set({ sobject: object.sobject }, Date.now() / 1000);
      const { changed, missing, hardDeleted } = report.repairs;
      if (changed.length) this.metrics.repaired.inc({ sobject: object.sobject, kind: 'changed' }, changed.length);
      if (missing.length) this.metrics.repaired.inc({ sobject: object.sobject, kind: 'missing' }, missing.length);
      if (hardDeleted.length)
        this.metrics.repaired.inc({ sobject: object.sobject, kind: 'hard_deleted' }, hardDeleted.length);
      if (report.repaired > 0) {
        this.metrics.recordsLoaded.inc({ sobject: object.sobject, source: 'reconcile' }, report.repaired);
        this.logger.warn(
          `Reconciled ${object.sobject}: repaired ${changed.length} changed, ${missing.length} missing, ${hardDeleted.length} hard-deleted rows`,
        );
      }
    } catch (error) {
      report.error = `Reconciling ${object.sobject} failed: ${(error as Error).message}`;
      this.logger.error(report.error);
      this.metrics.reconciliations.inc({ sobject: object.sobject, outcome: 'failed' });
      this.metrics.errors.inc({ kind: 'reconcile' });
      await recordSyncError(this.db.manager, {
        sobject: object.sobject,
        kind: 'reconcile',
        message: report.error,
      }).catch((e: Error) => this.logger.error(`Could not record the failure: ${e.message}`));
    }
    report.repaired = repairCount(report.repairs); // a failed run may still have repaired some rows
    report.finishedAt = new Date().toISOString();
    await this.record(report);
    return report;
  }

  private async check(
    conn: Connection,
    object: EffectiveObject,
    state: { load_started_at: Date | null; loaded_at: Date | null },
    options: ReconcileOptions,
    report: ReconciliationReport,
  ): Promise<void> {
    const db = this.db.manager;
    const through = new Date(Math.floor((Date.now() - (options.settleMs ?? RECONCILE_SETTLE_MS)) / 1000) * 1000);
    const checkpoint = (await this.checkpoint(object)) ?? state.load_started_at ?? state.loaded_at;
    const since = checkpoint ? new Date(checkpoint.getTime() - (options.marginMs ?? RECONCILE_MARGIN_MS)) : null;
    const { fields, object: spelled } = await this.fields.of(conn, object);
    const checked = {
      since: options.deep ? null : (since?.toISOString() ?? null),
      through: through.toISOString(),
      windowRecords: 0,
      ranges: 0,
      rangesDiffering: 0,
    };
    report.checked = checked;

    // 1. Everything stamped in the window (deep: every record), compared with the mirror.
    const window = [
      ...(since && !options.deep ? [`SystemModstamp >= ${soqlDateTime(since)}`] : []),
      `SystemModstamp < ${soqlDateTime(through)}`,
    ].join(' AND ');
    if (options.deep) await this.compareContents(conn, object, spelled, fields, window, report);
    else await this.compareStamps(conn, object, spelled, fields, window, through, report);

    // 2. Live counts; the id ranges only when they differ.
    report.orgCount = await soqlCount(conn, `SELECT COUNT() FROM ${object.sobject}`);
    const before = await this.mirrorStats(object);
    report.mirrorCount = before.live;
    if (report.orgCount !== before.live) {
      const ranges = await compareRanges(conn, db, object, through, options.rangeRows);
      checked.ranges = ranges.compared;
      checked.rangesDiffering = ranges.differing;
      this.guard(object, ranges.suspects.length);
      await repairRecords(conn, db, spelled, fields, ranges.suspects, through, report.repairs);
    }

    // 3. For the record: deleted counts and watermarks on both sides.
    if (object.hasIsDeleted)
      report.orgDeleted = await soqlCount(conn, `SELECT COUNT() FROM ${object.sobject} WHERE IsDeleted = true`, true);
    const after = await this.mirrorStats(object);
    report.mirrorDeleted = after.deleted;
    report.orgWatermark = (await orgWatermark(conn, object))?.toISOString() ?? null;
    report.mirrorWatermark = after.watermark?.toISOString() ?? null;
  }

  /** Lists id, stamp and deleted flag; re-reads whole records only where those differ. */
  private async compareStamps(
    conn: Connection,
    object: EffectiveObject,
    spelled: EffectiveObject,
    fields: string[],
    window: string,
    through: Date,
    report: ReconciliationReport,
  ): Promise<void> {
    const db = this.db.manager;
    const listed = ['Id', 'SystemModstamp', ...(object.hasIsDeleted ? ['IsDeleted'] : [])].join(', ');
    const suspects: string[] = [];
    for await (const records of soqlPages<{ Id: string; SystemModstamp: string; IsDeleted?: boolean }>(
      conn,
      `SELECT ${listed} FROM ${object.sobject} WHERE ${window}`,
      object.hasIsDeleted,
    )) {
      report.checked!.windowRecords += records.length;
      const rows = (await db.query(
        `SELECT salesforce_id, system_modstamp, is_deleted FROM ${object.table} WHERE salesforce_id = ANY($1)`,
        [records.map((r) => r.Id)],
      )) as { salesforce_id: string; system_modstamp: Date; is_deleted: boolean }[];
      const mirror = new Map(rows.map((r) => [r.salesforce_id, r]));
      for (const r of records) {
        const row = mirror.get(r.Id);
        const stamp = salesforceDateTime(r.SystemModstamp).getTime();
        if (!row || row.system_modstamp.getTime() < stamp) suspects.push(r.Id);
        else if (row.system_modstamp.getTime() === stamp && row.is_deleted !== (r.IsDeleted === true))
          suspects.push(r.Id);
      }
      this.guard(object, suspects.length);
    }
    await repairRecords(conn, db, spelled, fields, suspects, through, report.repairs);
  }

  /**
   * Deep (on demand): reads every record whole and compares every mirrored value, which also finds
   * values that changed without a new SystemModstamp (cross-object formulas, direct writes that do
   * not stamp). Costs one request per 2,000 records.
   */
  private async compareContents(
    conn: Connection,
    object: EffectiveObject,
    spelled: EffectiveObject,
    fields: string[],
    window: string,
    report: ReconciliationReport,
  ): Promise<void> {
    const soql = `SELECT ${fields.join(', ')} FROM ${object.sobject} WHERE ${window}`;
    for await (const records of soqlPages<SalesforceRecord>(conn, soql, object.hasIsDeleted)) {
      report.checked!.windowRecords += records.length;
      await writeDrifted(this.db.manager, spelled, records, report.repairs);
      this.guard(object, repairCount(report.repairs));
    }
  }

  private guard(object: EffectiveObject, suspects: number): void {
    if (suspects > MAX_ROW_REPAIRS)
      throw new Error(
        `${suspects} rows of ${object.sobject} differ from the org: too many to repair row by row; the object needs a reload`,
      );
  }

  /** Where the last successful run stopped checking. */
  private async checkpoint(object: EffectiveObject): Promise<Date | null> {
    const [last] = (await this.db.query(
      `SELECT (details->>'checkedThrough')::timestamptz AS through FROM sync_reconciliation
       WHERE sobject = $1 AND finished_at IS NOT NULL AND details ? 'checkedThrough' AND NOT details ? 'error'
       ORDER BY started_at DESC LIMIT 1`,
      [object.sobject],
    )) as { through: Date }[];
    return last?.through ?? null;
  }

  private async mirrorStats(
    object: EffectiveObject,
  ): Promise<{ live: number; deleted: number; watermark: Date | null }> {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE NOT is_deleted)::int AS live, count(*) FILTER (WHERE is_deleted)::int AS deleted,
              max(system_modstamp) AS watermark FROM ${object.table}`,
    );
    return row;
  }

  private async record(report: ReconciliationReport): Promise<void> {
    const cap = (ids: string[]) => ids.slice(0, DETAIL_IDS);
    const { changed, missing, hardDeleted } = report.repairs;
    const details = {
      ...(report.checked && { checkedSince: report.checked.since, checkedThrough: report.checked.through }),
      windowRecords: report.checked?.windowRecords,
      ranges: report.checked?.ranges,
      rangesDiffering: report.checked?.rangesDiffering,
      orgDeleted: report.orgDeleted,
      mirrorDeleted: report.mirrorDeleted,
      changed: { count: changed.length, ids: cap(changed) },
      missing: { count: missing.length, ids: cap(missing) },
      hardDeleted: { count: hardDeleted.length, ids: cap(hardDeleted) },
      ...(report.error && { error: report.error }),
    };
    await this.db.query(
      `UPDATE sync_reconciliation SET finished_at = $2, org_count = $3, mirror_count = $4, org_watermark = $5,
              mirror_watermark = $6, repaired = $7, details = $8 WHERE id = $1`,
      [
        report.id,
        report.finishedAt,
        report.orgCount ?? null,
        report.mirrorCount ?? null,
        report.orgWatermark ?? null,
        report.mirrorWatermark ?? null,
        report.repaired,
        JSON.stringify(details),
      ],
    );
  }
}
