// Exactly one active subscriber per org: the instance holding a PostgreSQL session advisory lock
// leads. The lock lives on a dedicated connection (never the pool's, which would hand it to any
// query), so it is released exactly when that connection ends: a dead leader's socket closes and
// a standby, polling, takes over within a poll interval. A leader that loses its lock connection
// (or cannot prove it alive) steps down at once. Each new leader bumps an epoch that every write
// of the stream checks, so a deposed leader's late transaction cannot commit.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Client } from 'pg';

/** 'pulse' in ASCII: the advisory lock key. Advisory locks are per database, as is the mirror. */
export const LEADER_LOCK_KEY = 0x70756c7365;

export interface LeaderLockOptions {
  url: string;
  ssl: boolean;
  /** How often a standby tries the lock, and a leader proves its connection alive. */
  pollMs?: number;
  /** A leader whose connection does not answer within this steps down. */
  checkTimeoutMs?: number;
  logger: { log(m: string): void; warn(m: string): void; error(m: string): void };
  onAcquired(epoch: number): void;
  onLost(reason: string): void;
}

export class LeaderLock {
  /** Names this instance in sync_leader and logs. */
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private client?: Client;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private leading = false;
  private epoch = 0;
  private lastFailure = '';

  constructor(private readonly options: LeaderLockOptions) {}

  get isLeader(): boolean {
    return this.leading;
  }

  get currentEpoch(): number {
    return this.epoch;
  }

  start(): void {
    this.stopped = false;
    void this.tick();
  }

  /** Releases the lock (closing the connection releases it in any case). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    const wasLeading = this.leading;
    this.leading = false;
    if (!client) return;
    try {
      if (wasLeading) await client.query('SELECT pg_advisory_unlock($1)', [LEADER_LOCK_KEY]);
    } catch {
      // The connection is going anyway.
    }
    await client.end().catch(() => undefined);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), this.options.pollMs ?? 1_000);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      if (this.leading) await this.check();
      else await this.tryAcquire();
    } catch (error) {
      this.failed(`the lock connection failed: ${(error as Error).message}`);
    }
    this.schedule();
  }

  private async connect(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({
      connectionString: this.options.url,
      ssl: this.options.ssl ? { rejectUnauthorized: true } : false,
      application_name: 'pulse-sync-leader',
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
    });
    client.on('error', (error) => this.dropped(client, error.message));
    client.on('end', () => this.dropped(client, 'connection closed'));
    await client.connect();
    if (this.stopped) {
      await client.end().catch(() => undefined);
      throw new Error('stopping');
    }
    this.client = client;
    return client;
  }

  private async tryAcquire(): Promise<void> {
    if (this.stopped) return;
    const client = await this.connect();
    const [{ locked }] = (await client.query('SELECT pg_try_advisory_lock($1) AS locked', [LEADER_LOCK_KEY])).rows;
    if (!locked || this.stopped) {
      if (locked) await client.query('SELECT pg_advisory_unlock($1)', [LEADER_LOCK_KEY]);
      return;
    }
    // Waits for any transaction of the previous leader still holding the row (see StreamState.checkEpoch).
    const { rows } = await client.query(
      `UPDATE sync_leader SET epoch = epoch + 1, holder = $1, acquired_at = now() WHERE id = 1 RETURNING epoch`,
      [this.holder],
    );
    this.epoch = Number(rows[0].epoch);
    this.leading = true;
    this.lastFailure = '';
    this.options.logger.log(`This instance (${this.holder}) leads the sync (epoch ${this.epoch})`);
    this.options.onAcquired(this.epoch);
  }

  /** The lock is ours while this connection lives: prove it answers, within a deadline. */
  private async check(): Promise<void> {
    const client = this.client;
    if (!client) return this.failed('no lock connection');
    let timer: NodeJS.Timeout | undefined;
    const timeoutMs = this.options.checkTimeoutMs ?? 5_000;
    try {
      await Promise.race([
        client.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private dropped(client: Client, reason: string): void {
    if (client !== this.client) return;
    this.failed(`the lock connection was lost (${reason})`);
  }

  /** Forgets the connection (ending it releases the lock server-side) and steps down if leading. */
  private failed(reason: string): void {
    const client = this.client;
    this.client = undefined;
    client?.end().catch(() => undefined);
    if (this.leading) {
      this.leading = false;
      this.options.logger.error(`Stepping down as sync leader: ${reason}`);
      this.options.onLost(reason);
    } else if (!this.stopped && reason !== this.lastFailure) {
      this.lastFailure = reason;
      this.options.logger.warn(`Cannot try the sync leader lock: ${reason}`);
    }
  }
}
