import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Connection } from 'jsforce';
import { DataSource } from 'typeorm';
import { PulseConfig } from '../../config/pulse-config';
import type { EffectiveObject } from '../../mirror/mirror-config';
import { markDeleted, upsertRecords, type SalesforceRecord } from '../../mirror/mirror-writer';
import { MirrorEvents } from '../mirror-events.service';
import { SyncMetrics } from '../status/sync-metrics';
import { recordsThatChange } from './record-diff';
import { salesforceDateTime, soqlCount, soqlDateTime, soqlPages } from './soql';
import { SoqlFields } from './soql-fields.service';
import { recordSyncError } from './sync-errors';

/**
 * How far before the watermark each poll starts reading again. A record's SystemModstamp is set
 * when it is written but visible only when its transaction commits; one committed late, with a
 * stamp below a watermark already passed, is still read. Re-read records are compared, not
 * rewritten, so the overlap costs no writes.
 */
export const POLL_OVERLAP_MS = 60_000;

/** While an object loads, the load owns it; polling resumes when it ends. */
const BUSY_STATES = new Set(['loading', 'resyncing']);

export interface PollResult {
  sobject: string;
  /** Records the org returned (the overlap included). */
  fetched: number;
  /** Rows written: new, or changed since the mirror's copy. */
  changed: number;
  /** Rows marked deleted because the org no longer has them (objects without IsDeleted). */
  deleted: number;
  /** The newest SystemModstamp seen: where the next poll reads from. */
  watermark: string | null;
  /** Why the object was not polled. */
  skipped?: string;
}

/**
 * The polling fallback for objects whose changes are not streamed (Salesforce publishes no events
 * for them, or the org selected other entities for Change Data Capture): reads what changed since
 * the watermark (queryAll, so soft deletes arrive as IsDeleted rows) and writes it with the
 * watermark in one transaction per page. Objects without IsDeleted are hard-deleted in Salesforce:
 * their deletes show as ids the org stops returning.
 */
@Injectable()
export class PollingService {
  private readonly logger = new Logger(PollingService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: PulseConfig,
    private readonly fields: SoqlFields,
    private readonly metrics: SyncMetrics,
    private readonly mirrorEvents: MirrorEvents,
  ) {}

  /** The mirrored objects whose changes are polled rather than streamed. */
  polledObjects(): EffectiveObject[] {
    return this.config.sync.objects.filter((o) => !o.changeEvents);
  }

  /** Polls each polled object once; one object's failure is recorded and does not stop the others. */
  async pollOnce(conn: Connection, objects: EffectiveObject[] = this.polledObjects()): Promise<PollResult[]> {
    const results: PollResult[] = [];
    for (const object of objects) {
      try {
        results.push(await this.pollObject(conn, object));
      } catch (error) {
        await this.failed(object, error as Error);
      }
    }
    const changed = results.filter((r) => r.changed + r.deleted > 0).map((r) => r.sobject);
    if (changed.length > 0) this.mirrorEvents.emit(changed);
    return results;
  }

  async pollObject(conn: Connection, object: EffectiveObject): Promise<PollResult> {
    const result: PollResult = { sobject: object.sobject, fetched: 0, changed: 0, deleted: 0, watermark: null };
    const [state] = (await this.db.query(
      `SELECT state, watermark, load_started_at FROM sync_object_state WHERE sobject = $1`,
      [object.sobject],
    )) as { state: string; watermark: Date | null; load_started_at: Date | null }[];
    if (state && BUSY_STATES.has(state.state)) return { ...result, skipped: `the object is ${state.state}` };

    // Without a watermark: from the start of its load, or (never loaded) from the beginning.
    const from = state?.watermark ?? state?.load_started_at ?? null;
    const { fields, object: spelled } = await this.fields.of(conn, object);
    const where = from ? ` WHERE SystemModstamp >= ${soqlDateTime(new Date(from.getTime() - POLL_OVERLAP_MS))}` : '';
    const soql = `SELECT ${fields.join(', ')} FROM ${object.sobject}${where} ORDER BY SystemModstamp`;
    let watermark = from;

    // queryAll where there is a recycle bin (its deletes are rows with IsDeleted); objects without
    // IsDeleted are deleted outright, and the sweep below finds those deletes.
    for await (const records of soqlPages<SalesforceRecord>(conn, soql, object.hasIsDeleted)) {
      result.fetched += records.length;
      const pageMax = this.newest(records);
      if (pageMax && (!watermark || pageMax > watermark)) watermark = pageMax;
      await this.db.transaction(async (db) => {
        const changed = await recordsThatChange(db, spelled, records);
        await upsertRecords(db, spelled, changed);
        result.changed += changed.length;
        await db.query(
          `INSERT INTO sync_object_state (sobject, watermark, last_change_at, updated_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (sobject) DO UPDATE SET
             watermark = GREATEST(sync_object_state.watermark, EXCLUDED.watermark),
             last_change_at = GREATEST(sync_object_state.last_change_at, EXCLUDED.last_change_at),
             updated_at = now()`,
          [object.sobject, watermark, this.newest(changed)],
        );
      });
    }

    if (!object.hasIsDeleted) result.deleted = await this.sweepVanished(conn, object);

    await this.db.query(
      `INSERT INTO sync_object_state (sobject, last_polled_at, updated_at) VALUES ($1, now(), now())
       ON CONFLICT (sobject) DO UPDATE SET last_polled_at = now(), last_error = NULL, updated_at = now()`,
      [object.sobject],
    );
    result.watermark = watermark?.toISOString() ?? null;
    this.metrics.polls.inc({ sobject: object.sobject, outcome: 'ok' });
    this.metrics.lastPoll.set({ sobject: object.sobject }, Date.now() / 1000);
    if (result.changed > 0) this.metrics.recordsLoaded.inc({ sobject: object.sobject, source: 'poll' }, result.changed);
    if (result.changed + result.deleted > 0)
      this.logger.log(
        `Polled ${object.sobject}: ${result.changed} changed, ${result.deleted} deleted (watermark ${result.watermark})`,
      );
    return result;
  }

  /**
   * Rows the org no longer has, for objects Salesforce deletes outright (no IsDeleted, no recycle
   * bin). A count first (one request); the ids only when the counts disagree. These objects are
   * small (roles, stages), so listing their ids is cheap.
   */
  private async sweepVanished(conn: Connection, object: EffectiveObject): Promise<number> {
    const orgCount = await soqlCount(conn, `SELECT COUNT() FROM ${object.sobject}`);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM ${object.table} WHERE NOT is_deleted`);
    if (orgCount === n) return 0;
    const present = new Set<string>();
    for await (const records of soqlPages<{ Id: string }>(conn, `SELECT Id FROM ${object.sobject}`, false))
      for (const r of records) present.add(r.Id);
    const mirrored = (await this.db.query(`SELECT salesforce_id FROM ${object.table} WHERE NOT is_deleted`)) as {
      salesforce_id: string;
    }[];
    const gone = mirrored.map((r) => r.salesforce_id).filter((id) => !present.has(id));
    return markDeleted(this.db.manager, object, gone);
  }

  private newest(records: SalesforceRecord[]): Date | null {
    let newest: number | null = null;
    for (const r of records) {
      const ms = salesforceDateTime(r.SystemModstamp).getTime();
      if (newest === null || ms > newest) newest = ms;
    }
    return newest === null ? null : new Date(newest);
  }

  private async failed(object: EffectiveObject, error: Error): Promise<void> {
    const message = `Polling ${object.sobject} failed: ${error.message}`;
    this.logger.error(message);
    this.metrics.polls.inc({ sobject: object.sobject, outcome: 'failed' });
    this.metrics.errors.inc({ kind: 'poll' });
    try {
      await recordSyncError(this.db.manager, { sobject: object.sobject, kind: 'poll', message });
      await this.db.query(
        `INSERT INTO sync_object_state (sobject, last_error, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (sobject) DO UPDATE SET last_error = EXCLUDED.last_error, updated_at = now()`,
        [object.sobject, message],
      );
    } catch (recordError) {
      this.logger.error(`Could not record the failure: ${(recordError as Error).message}`);
    }
  }
}
