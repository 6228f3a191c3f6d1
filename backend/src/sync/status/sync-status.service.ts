import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PulseConfig } from '../../config/pulse-config';
import { LEADER_LOCK_KEY } from '../leader/leader-lock';
import { SyncService } from '../sync.service';
import type { ReconciliationSummaryDto, SyncErrorDto, SyncObjectStatusDto, SyncStatusDto } from './dto/sync-status.dto';
import { LoadProgressBoard } from './load-progress-board';
import { judgeTrust } from './trust';

const RECENT_ERRORS = 20;

/** What the status reads of the coordinator: its state in this process (read defensively). */
interface CoordinatorView {
  status?: {
    state?: string;
    lastError?: string | null;
    leader?: boolean;
    /** The leader's view of each object: it alone knows of a resync in progress. */
    objects?: Record<string, string>;
  };
}

/** pg_locks shows a bigint advisory key as two 32-bit halves. */
const LOCK_HIGH = Math.floor(LEADER_LOCK_KEY / 2 ** 32);
const LOCK_LOW = LEADER_LOCK_KEY % 2 ** 32;

interface ObjectStateRow {
  sobject: string;
  state: string;
  records_loaded: string;
  loaded_at: Date | null;
  watermark: Date | null;
  last_polled_at: Date | null;
  last_change_at: Date | null;
  last_error: string | null;
}

interface ReconciliationRow {
  sobject: string;
  started_at: Date;
  finished_at: Date;
  org_count: string | null;
  mirror_count: string | null;
  org_watermark: Date | null;
  mirror_watermark: Date | null;
  repaired: number;
  details: {
    changed?: { count: number };
    missing?: { count: number };
    hardDeleted?: { count: number };
    error?: string;
  };
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
const num = (v: string | number | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);
const seconds = (ms: number): number => Math.round(ms / 100) / 10;

/**
 * The sync's state for people: row counts straight from the mirror, progress and freshness from
 * sync_object_state (shared by every instance), the last reconciliation per object, the error log,
 * and a verdict on whether the numbers can be trusted now.
 */
interface RowCount {
  sobject: string;
  live: number;
  deleted: number;
  newest: Date | null;
}

@Injectable()
export class SyncStatusService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: PulseConfig,
    private readonly loads: LoadProgressBoard,
    @Inject(SyncService) private readonly coordinator: CoordinatorView,
  ) {}

  /** The last count and the mirror version it was taken at: recounted only when the mirror changed. */
  private counted?: { version: string; rows: Promise<RowCount[]> };

  async status(): Promise<SyncStatusDto> {
    const now = new Date();
    const objects = this.config.sync.objects;
    const [counts, states, reconciliations, errors, [{ n: recentErrors }], [channel], [leader]] = await Promise.all([
      this.counts(),
      this.db.query(`SELECT * FROM sync_object_state`) as Promise<ObjectStateRow[]>,
      this.db.query(
        `SELECT DISTINCT ON (sobject) * FROM sync_reconciliation WHERE finished_at IS NOT NULL
         ORDER BY sobject, started_at DESC`,
      ) as Promise<ReconciliationRow[]>,
      this.db.query(`SELECT * FROM sync_error ORDER BY occurred_at DESC, id DESC LIMIT ${RECENT_ERRORS}`),
      this.db.query(`SELECT count(*)::int AS n FROM sync_error WHERE occurred_at > now() - interval '1 hour'`),
      this.db.query(`SELECT max(last_change_at) AS at FROM sync_channel`) as Promise<{ at: Date | null }[]>,
      this.db.query(
        `SELECT holder, acquired_at,
                EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1 AND objid = $2
                          AND objsubid = 1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))
                  AS held
         FROM sync_leader WHERE id = 1`,
        [LOCK_HIGH, LOCK_LOW],
      ) as Promise<{ holder: string | null; acquired_at: Date | null; held: boolean }[]>,
    ]);
    const countOf = new Map(counts.map((c) => [c.sobject, c]));
    const stateOf = new Map(states.map((s) => [s.sobject, s]));
    const reconciledOf = new Map(reconciliations.map((r) => [r.sobject, r]));
    const syncState = this.coordinator.status?.state ?? 'unknown';

    const rows: SyncObjectStatusDto[] = objects.map((o) => {
      const count = countOf.get(o.sobject);
      const state = stateOf.get(o.sobject);
      const mode = o.changeEvents ? 'stream' : 'poll';
      const lastChange = [state?.last_change_at, count?.newest].reduce<Date | null>(
        (a, b) => (b && (!a || b > a) ? b : a),
        null,
      );
      return {
        sobject: o.sobject,
        mode,
        state: this.objectState(state, mode, syncState, this.coordinator.status?.objects?.[o.sobject]),
        liveRows: count?.live ?? 0,
        deletedRows: count?.deleted ?? 0,
        lastChangeAt: iso(lastChange),
        lagSeconds: lastChange ? seconds(Math.max(0, now.getTime() - lastChange.getTime())) : null,
        lastPolledAt: iso(state?.last_polled_at),
        watermark: iso(state?.watermark),
        loadedAt: iso(state?.loaded_at),
        load: this.loadProgress(o.sobject, state),
        lastError: state?.last_error ?? null,
        lastReconciliation: this.reconciliation(reconciledOf.get(o.sobject)),
      };
    });

    const verdict = judgeTrust({
      syncState,
      leaderHeld: leader?.held ?? false,
      syncError: this.coordinator.status?.lastError ?? null,
      objects: objects.map((o, i) => {
        const state = stateOf.get(o.sobject);
        const r = reconciledOf.get(o.sobject);
        return {
          sobject: o.sobject,
          mode: rows[i].mode,
          state: rows[i].state,
          lastError: state?.last_error ?? null,
          lastPolledAt: state?.last_polled_at ?? null,
          lastReconciliation: r
            ? { finishedAt: r.finished_at, repaired: r.repaired, error: r.details?.error ?? null }
            : null,
        };
      }),
      pollIntervalSeconds: this.config.schedules.pollIntervalSeconds,
      reconcileIntervalMinutes: this.config.schedules.reconcileIntervalMinutes,
      recentErrors,
      now,
    });

    // The newest commit applied: the stream's own record (sync_channel), or the newest streamed row.
    const streamed = rows.filter((r) => r.mode === 'stream' && r.lastChangeAt).map((r) => Date.parse(r.lastChangeAt!));
    const newest = Math.max(channel?.at?.getTime() ?? -Infinity, ...streamed);
    const lastChangeAt = Number.isFinite(newest) ? new Date(newest).toISOString() : null;
    return {
      state: syncState,
      leader: {
        thisInstance: this.coordinator.status?.leader ?? false,
        held: leader?.held ?? false,
        holder: leader?.holder ?? null,
        since: iso(leader?.acquired_at),
      },
      ...verdict,
      checkedAt: now.toISOString(),
      lastChangeAt,
      lagSeconds: lastChangeAt ? seconds(Math.max(0, now.getTime() - Date.parse(lastChangeAt))) : null,
      objects: rows,
      recentErrors: (errors as Record<string, unknown>[]).map((e): SyncErrorDto => ({
        occurredAt: (e.occurred_at as Date).toISOString(),
        sobject: (e.sobject as string | null) ?? null,
        kind: e.kind as string,
        message: e.message as string,
        recordIds: (e.record_ids as string[] | null) ?? null,
        replayId: num(e.replay_id as string | null),
      })),
    };
  }

  /** The stored state, unless it only says the load is over: then what keeps the object current. */

  /**
   * Exact row counts scan every mirror table (seconds at millions of rows), so they are taken once
   * per mirror version: an admin polling the page, or many at once, costs one count per change.
   */
  private async counts(): Promise<RowCount[]> {
    const [{ version }] = (await this.db.query(`SELECT version::text AS version FROM mirror_version WHERE id = 1`)) as {
      version: string;
    }[];
    if (this.counted?.version !== version) {
      const objects = this.config.sync.objects;
      const rows = this.db.query(
        objects
          .map(
            (o, i) =>
              `SELECT $${i + 1}::text AS sobject, count(*) FILTER (WHERE NOT is_deleted)::int AS live,
                      count(*) FILTER (WHERE is_deleted)::int AS deleted, max(system_modstamp) AS newest FROM ${o.table}`,
          )
          .join(' UNION ALL '),
        objects.map((o) => o.sobject),
      ) as Promise<RowCount[]>;
      this.counted = { version, rows };
      rows.catch(() => (this.counted = undefined)); // a failed count is retried on the next call
    }
    return this.counted.rows;
  }

  private objectState(
    state: ObjectStateRow | undefined,
    mode: 'stream' | 'poll',
    syncState: string,
    leaderView: string | undefined,
  ): string {
    if (leaderView === 'resyncing' || leaderView === 'error') return leaderView;
    if (!state) return 'pending';
    if (state.last_error && state.state !== 'loading') return 'error';
    if (state.state !== 'loaded' && state.state !== 'pending') return state.state;
    if (state.state === 'pending' && !state.last_polled_at) return 'pending';
    if (mode === 'poll') return 'polling';
    // A standby instance does not stream itself: the object is loaded and the leader keeps it current.
    return syncState === 'standby' ? 'loaded' : syncState;
  }

  private loadProgress(sobject: string, state: ObjectStateRow | undefined): SyncObjectStatusDto['load'] {
    const live = this.loads.of(sobject);
    if (live && state?.state === 'loading')
      return {
        records: live.loaded,
        total: live.total ?? null,
        recordsPerSecond: Math.round(live.recordsPerSecond),
        etaSeconds: live.etaSeconds === undefined ? null : Math.round(live.etaSeconds),
      };
    // Loading in another instance (or before its first report): what its committed pages say.
    if (state?.state === 'loading')
      return { records: Number(state.records_loaded), total: null, recordsPerSecond: null, etaSeconds: null };
    return null;
  }

  private reconciliation(r: ReconciliationRow | undefined): ReconciliationSummaryDto | null {
    if (!r) return null;
    return {
      startedAt: r.started_at.toISOString(),
      finishedAt: r.finished_at.toISOString(),
      orgCount: num(r.org_count),
      mirrorCount: num(r.mirror_count),
      orgWatermark: iso(r.org_watermark),
      mirrorWatermark: iso(r.mirror_watermark),
      repaired: r.repaired,
      changed: r.details?.changed?.count ?? 0,
      missing: r.details?.missing?.count ?? 0,
      hardDeleted: r.details?.hardDeleted?.count ?? 0,
      error: r.details?.error ?? null,
    };
  }
}
