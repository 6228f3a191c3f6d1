// The worker's own small connection pool: delivery never takes a connection the stream or the API
// needs, and its transactions are short (claim, then record) and never span a send.
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, Pool, type PoolClient, type QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';

export interface Queryable {
  query<T extends QueryResultRow = QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Transactional extends Queryable {
  transaction<T>(work: (db: Queryable) => Promise<T>): Promise<T>;
}

const POOL_SIZE = 2;

@Injectable()
export class DeliveryDatabase implements Transactional, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryDatabase.name);
  private readonly pool: Pool;

  private readonly connection: { connectionString?: string; ssl: false | { rejectUnauthorized: true } };

  constructor(@InjectDataSource() db: DataSource) {
    const options = db.options as { url?: string; ssl?: unknown };
    this.connection = { connectionString: options.url, ssl: options.ssl ? { rejectUnauthorized: true } : false };
    this.pool = new Pool({
      ...this.connection,
      max: POOL_SIZE,
      application_name: 'pulse-alert-delivery',
      idleTimeoutMillis: 30_000,
      // A stuck query ends the run (and is retried next tick) rather than holding the lease.
      statement_timeout: 15_000,
    });
    // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
    this.pool.on('error', (error) => this.logger.warn(`Idle delivery connection failed: ${error.message}`));
  }

  async query<T extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>(sql, params)).rows;
  }

  async transaction<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    const client: PoolClient = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <R extends QueryResultRow>(sql: string, params: unknown[] = []) =>
          (await client.query<R>(sql, params)).rows,
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * LISTENs on a connection of its own (a pooled one would be handed to other queries); `onNotify`
   * runs for each NOTIFY, `onLost` once if the connection ends. Returns how to stop listening.
   */
  async listen(channel: string, onNotify: () => void, onLost: (error: Error) => void): Promise<() => Promise<void>> {
    const client = new Client({ ...this.connection, application_name: 'pulse-alert-delivery-listen' });
    let closing = false;
    const lost = (error: Error) => {
      if (!closing) onLost(error);
      closing = true;
    };
    client.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    client.on('error', lost);
    client.on('end', () => lost(new Error('connection closed')));
    await client.connect();
    await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    return async () => {
      closing = true;
      await client.end().catch(() => undefined);
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
