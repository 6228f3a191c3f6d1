// The stream's durable state in PostgreSQL: the replay position (sync_channel), events held back
// while the initial load runs (sync_event_buffer), records and objects waiting to be re-read
// (sync_refetch, sync_resync), and the leader's epoch every write checks (sync_leader).
import type { DataSource, EntityManager } from 'typeorm';
import { CHANGE_EVENTS_CHANNEL } from './change-stream';

export interface ChannelState {
  /** The last event whose effect is durable (applied, or buffered); null before the first one. */
  replayId: number | null;
  /** When the initial load (or the last full reload) finished. */
  loadedAt: Date | null;
  /** When it started: events are replayable from there for 72 hours. */
  loadStartedAt: Date | null;
  /** The object being loaded when the process stopped: its load resumes rather than restarts. */
  loadingObject: string | null;
  loadedObjects: string[];
  lastChangeAt: Date | null;
}

/** Another instance became leader (or this one lost its lock): this one must not write. */
export class LeadershipLost extends Error {}

export interface BufferedEvent {
  replayId: number;
  message: unknown;
}

export class StreamState {
  constructor(
    private readonly db: DataSource,
    readonly channel = CHANGE_EVENTS_CHANNEL,
  ) {}

  async read(): Promise<ChannelState> {
    await this.db.query(
      `INSERT INTO sync_channel (channel, updated_at) VALUES ($1, now()) ON CONFLICT (channel) DO NOTHING`,
      [this.channel],
    );
    const [row] = await this.db.query(
      `SELECT replay_id, loaded_at, load_started_at, loading_object, loaded_objects, last_change_at
         FROM sync_channel WHERE channel = $1`,
      [this.channel],
    );
    return {
      replayId: row.replay_id === null ? null : Number(row.replay_id),
      loadedAt: row.loaded_at,
      loadStartedAt: row.load_started_at,
      loadingObject: row.loading_object,
      loadedObjects: row.loaded_objects ?? [],
      lastChangeAt: row.last_change_at,
    };
  }

  /**
   * Fencing: holds the leader row (FOR SHARE) for the rest of the transaction, so a new leader's
   * epoch bump waits for this transaction, and a transaction that starts after it fails here.
   */
  async checkEpoch(tx: EntityManager, epoch: number): Promise<void> {
    const [row] = await tx.query(`SELECT epoch FROM sync_leader WHERE id = 1 FOR SHARE`);
    if (!row || Number(row.epoch) !== epoch)
      throw new LeadershipLost(`leader epoch is ${row?.epoch ?? 'unset'}, this instance holds ${epoch}`);
  }

  /**
   * Runs `work` in one transaction that commits only while `epoch` is still the leader's.
   *
   * `replayable`: the transaction holds only what the event bus can give again (changes applied
   * or held with their replayId), so it need not wait for its WAL flush (about 20 ms a commit on
   * ordinary disks, the cost of a small batch). A database crash can then lose the last such
   * commits, but always whole, position included: the stream resumes from the older position and
   * Salesforce replays them (it keeps events 72 hours). An application crash loses nothing.
   */
  fenced<T>(
    epoch: number,
    work: (tx: EntityManager) => Promise<T>,
    options: { replayable?: boolean } = {},
  ): Promise<T> {
    return this.db.transaction(async (tx) => {
      if (options.replayable) await tx.query(`SET LOCAL synchronous_commit = off`);
      await this.checkEpoch(tx, epoch);
      return work(tx);
    });
  }

  /** Moves the position forward (never back) with the changes of the same transaction. */
  async advance(tx: EntityManager, replayId: number | null, lastChangeAt: Date | null): Promise<void> {
    await tx.query(
      `UPDATE sync_channel SET
         replay_id = CASE WHEN $2::bigint IS NULL THEN replay_id ELSE GREATEST(coalesce(replay_id, $2::bigint), $2::bigint) END,
         last_change_at = GREATEST(last_change_at, $3::timestamptz),
         updated_at = now()
       WHERE channel = $1`,
      [this.channel, replayId, lastChangeAt?.toISOString() ?? null],
    );
  }

  /** Holds raw events (as received) until the load ends; a replay of one already held is ignored. */
  async buffer(tx: EntityManager, messages: BufferedEvent[]): Promise<void> {
    if (messages.length === 0) return;
    await tx.query(
      `INSERT INTO sync_event_buffer (replay_id, channel, message)
       SELECT (e->>'replayId')::bigint, $2, e->'message' FROM jsonb_array_elements($1::jsonb) AS e
       ON CONFLICT (replay_id) DO NOTHING`,
      [JSON.stringify(messages), this.channel],
    );
  }

  async readBuffer(afterReplayId: number | null, limit: number): Promise<BufferedEvent[]> {
    const rows: { replay_id: string; message: unknown }[] = await this.db.query(
      `SELECT replay_id, message FROM sync_event_buffer
        WHERE channel = $1 AND ($2::bigint IS NULL OR replay_id > $2::bigint)
        ORDER BY replay_id LIMIT $3`,
      [this.channel, afterReplayId, limit],
    );
    return rows.map((r) => ({ replayId: Number(r.replay_id), message: r.message }));
  }

  async dropBuffered(tx: EntityManager, throughReplayId: number): Promise<void> {
    await tx.query(`DELETE FROM sync_event_buffer WHERE channel = $1 AND replay_id <= $2`, [
      this.channel,
      throughReplayId,
    ]);
  }

  /**
   * Starts a full (re)load: forgets the position and whatever was buffered (the load supersedes
   * both) and notes when it started, so a restart inside the replay window can resume it.
   */
  async beginLoad(epoch: number): Promise<void> {
    await this.fenced(epoch, async (tx) => {
      await tx.query(
        `UPDATE sync_channel SET replay_id = NULL, loaded_at = NULL, load_started_at = now(),
                loading_object = NULL, loaded_objects = '{}', updated_at = now()
          WHERE channel = $1`,
        [this.channel],
      );
      await tx.query(`DELETE FROM sync_event_buffer WHERE channel = $1`, [this.channel]);
    });
  }

  async markLoading(epoch: number, sobject: string): Promise<void> {
    await this.fenced(epoch, (tx) =>
      tx.query(`UPDATE sync_channel SET loading_object = $2, updated_at = now() WHERE channel = $1`, [
        this.channel,
        sobject,
      ]),
    );
  }

  async markObjectLoaded(epoch: number, sobject: string): Promise<void> {
    await this.fenced(epoch, (tx) =>
      tx.query(
        `UPDATE sync_channel SET loading_object = NULL, loaded_objects = array_append(array_remove(loaded_objects, $2), $2),
                updated_at = now() WHERE channel = $1`,
        [this.channel, sobject],
      ),
    );
  }

  async markLoaded(epoch: number): Promise<void> {
    await this.fenced(epoch, (tx) =>
      tx.query(`UPDATE sync_channel SET loaded_at = now(), updated_at = now() WHERE channel = $1`, [this.channel]),
    );
  }

  /** Records to re-read (gap events, rows an update found missing), durable with the event. */
  async requestRefetch(
    tx: EntityManager,
    sobject: string,
    ids: string[],
    reason: string,
    replayId: number | null,
  ): Promise<void> {
    if (ids.length === 0) return;
    await tx.query(
      `INSERT INTO sync_refetch (sobject, salesforce_id, reason, replay_id)
       SELECT $1, id, $3, $4 FROM unnest($2::text[]) AS id
       ON CONFLICT (sobject, salesforce_id) DO UPDATE
         SET seq = nextval('sync_refetch_seq'), reason = EXCLUDED.reason, replay_id = EXCLUDED.replay_id, requested_at = now()`,
      [sobject, ids, reason, replayId],
    );
  }

  /** An object to load afresh (GAP_OVERFLOW); a request made during a resync makes it run again. */
  async requestResync(tx: EntityManager, sobject: string, reason: string, replayId: number | null): Promise<void> {
    await tx.query(
      `INSERT INTO sync_resync (sobject, reason, replay_id) VALUES ($1, $2, $3)
       ON CONFLICT (sobject) DO UPDATE
         SET seq = nextval('sync_refetch_seq'), reason = EXCLUDED.reason, replay_id = EXCLUDED.replay_id, requested_at = now()`,
      [sobject, reason, replayId],
    );
  }
}
