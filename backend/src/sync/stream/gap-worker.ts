// Works off what streaming recorded but could not apply by itself: records to re-read (gap events,
// updates of rows the mirror lacks) in batches, and objects to load afresh (GAP_OVERFLOW). Both
// requests were committed with the events that caused them, so a crash in between only delays the
// work. A request renewed while it is being served (its seq changed) is served again.
import type { Connection } from 'jsforce';
import type { DataSource } from 'typeorm';
import type { EffectiveObject } from '../../mirror/mirror-config';
import type { ObjectLoader } from '../load/object-loader';

const REFETCH_BATCH = 2_000;
const IDLE_CHECK_MS = 30_000;
const RETRY_MS = [1_000, 5_000, 15_000, 30_000];

export interface GapWorkerOptions {
  db: DataSource;
  loader: ObjectLoader;
  objects: readonly EffectiveObject[];
  connection(): Promise<Connection>;
  logger: { log(m: string): void; warn(m: string): void; error(m: string): void };
  /** Rows of these objects were written (for live widgets). */
  onWritten(entities: string[]): void;
  onResync(sobject: string, phase: 'started' | 'finished' | 'failed'): void;
  /** A round failed (it is retried with backoff). */
  onError(kind: string, error: Error): void;
}

export class GapWorker {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private kicked = false;
  private failures = 0;

  constructor(private readonly options: GapWorkerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** There is new work: do it now rather than at the next check. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** Waits for the refetch or resync in progress (a load cannot be interrupted halfway safely). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Serves every pending request once (tests call it to wait for the work). */
  async runOnce(): Promise<boolean> {
    const refetched = await this.refetchPending();
    const resynced = await this.resyncPending();
    return refetched || resynced;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.kicked = false;
      let delay = IDLE_CHECK_MS;
      try {
        const didWork = await this.runOnce();
        this.failures = 0;
        if (didWork) continue;
      } catch (error) {
        delay = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)];
        this.options.onError('gap_worker', error as Error);
      }
      if (this.kicked || !this.running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => (clearTimeout(timer), resolve());
      });
      this.wake = undefined;
    }
  }

  private object(sobject: string): EffectiveObject | undefined {
    return this.options.objects.find((o) => o.sobject === sobject);
  }

  /** One batch of records to re-read; true when there was any. */
  private async refetchPending(): Promise<boolean> {
    const { db } = this.options;
    const rows: { sobject: string; salesforce_id: string; seq: string }[] = await db.query(
      `SELECT sobject, salesforce_id, seq FROM sync_refetch ORDER BY seq LIMIT $1`,
      [REFETCH_BATCH],
    );
    if (rows.length === 0) return false;
    const bySobject = new Map<string, typeof rows>();
    for (const row of rows) bySobject.set(row.sobject, [...(bySobject.get(row.sobject) ?? []), row]);
    const conn = await this.options.connection();
    for (const [sobject, list] of bySobject) {
      const object = this.object(sobject);
      const ids = list.map((r) => r.salesforce_id);
      if (object) {
        try {
          await this.options.loader.refetch(conn, object, ids);
        } catch (error) {
          throw new Error(`Re-reading ${ids.length} ${sobject} record(s) failed: ${(error as Error).message}`);
        }
        this.options.logger.log(`Re-read ${ids.length} ${sobject} record(s) named by gap or unmatched events`);
        this.options.onWritten([sobject]);
      }
      await db.query(
        `DELETE FROM sync_refetch f USING unnest($1::text[], $2::bigint[]) AS done(id, seq)
          WHERE f.sobject = $3 AND f.salesforce_id = done.id AND f.seq = done.seq`,
        [ids, list.map((r) => r.seq), sobject],
      );
    }
    return true;
  }

  /** Loads afresh each object an overflow event named; true when there was any. */
  private async resyncPending(): Promise<boolean> {
    const { db } = this.options;
    const rows: { sobject: string; seq: string; reason: string }[] = await db.query(
      `SELECT sobject, seq, reason FROM sync_resync ORDER BY seq`,
    );
    for (const row of rows) {
      if (!this.running && this.loop) return true;
      const object = this.object(row.sobject);
      if (object) {
        this.options.logger.warn(`Resynchronising ${row.sobject} (${row.reason}); streaming continues`);
        this.options.onResync(row.sobject, 'started');
        try {
          const result = await this.options.loader.load(await this.options.connection(), object, { fresh: true });
          this.options.logger.log(`Resynchronised ${row.sobject}: ${result.loaded} records, ${result.swept} swept`);
        } catch (error) {
          this.options.onResync(row.sobject, 'failed');
          throw new Error(`Resynchronising ${row.sobject} failed: ${(error as Error).message}`);
        }
        this.options.onResync(row.sobject, 'finished');
        this.options.onWritten([row.sobject]);
      }
      await db.query(`DELETE FROM sync_resync WHERE sobject = $1 AND seq = $2`, [row.sobject, row.seq]);
    }
    return rows.length > 0;
  }
}
