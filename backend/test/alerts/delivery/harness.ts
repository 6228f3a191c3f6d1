// Alert delivery on its own, wired as the app wires it (the same providers, real PostgreSQL with
// the real migrations, the emulator over HTTP through jsforce, a real SMTP server), without the
// sync coordinator: tests decide when the worker runs and what time it is (a clock they move).
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { RunningEmulator } from '@pulse/emulator';
import type { Connection } from 'jsforce';
import { DataSource } from 'typeorm';
import { DeliveryClock } from '../../../src/alerts/delivery/delivery-clock';
import { DeliveryWorker } from '../../../src/alerts/delivery/delivery-worker';
import { DELIVERY_PROVIDERS } from '../../../src/alerts/delivery/delivery.providers';
import { ConfigModule } from '../../../src/config/config.module';
import { loadConfig, type PulseConfig } from '../../../src/config/pulse-config';
import { dataSourceOptions } from '../../../src/database/data-source';
import { soqlFields, upsertRecords, type SalesforceRecord } from '../../../src/mirror/mirror-writer';
import { SalesforceModule } from '../../../src/salesforce/salesforce.module';
import { SyncMetrics } from '../../../src/sync/status/sync-metrics';
import { orgConnection, startEmulatorForTest, testEnvironment } from '../../poll/harness';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { startSmtpCapture, type SmtpCapture } from './smtp-capture';

/** Time that passes only when a test says so. */
export class TestClock extends DeliveryClock {
  constructor(private ms: number) {
    super();
  }

  override now(): Date {
    return new Date(this.ms);
  }

  set(at: Date | string): void {
    this.ms = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface DeliveryInstance {
  module: TestingModule;
  worker: DeliveryWorker;
  clock: TestClock;
  metrics: SyncMetrics;
}

export interface DeliveryHarness extends DeliveryInstance {
  emulator: RunningEmulator;
  database: TestDatabase;
  smtp: SmtpCapture;
  config: PulseConfig;
  db: DataSource;
  org(): Promise<Connection>;
  /** Another worker on the same database (its own pool, clock and metrics), as a second instance. */
  instance(env?: Record<string, string>): Promise<DeliveryInstance>;
  close(): Promise<void>;
}

export async function startDeliveryHarness(start: Date): Promise<DeliveryHarness> {
  const { emulator, keys } = await startEmulatorForTest({ demo: { opportunities: 60, accounts: 15 } });
  const database = await createTestDatabase();
  const smtp = await startSmtpCapture();
  const base = (env: Record<string, string>) =>
    loadConfig(
      testEnvironment(emulator.url, database.url, keys, {
        PULSE_SMTP_URL: smtp.url,
        PULSE_ALERT_FROM: 'Pulse Alerts <alerts@pulse.test>',
        ...env,
      }),
    );
  const instances: DeliveryInstance[] = [];
  const instance = async (env: Record<string, string> = {}): Promise<DeliveryInstance> => {
    const clock = new TestClock(start.getTime());
    const module = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(base(env)),
        TypeOrmModule.forRoot(dataSourceOptions(database.url)),
        SalesforceModule,
      ],
      providers: [...DELIVERY_PROVIDERS, SyncMetrics],
    })
      .overrideProvider(DeliveryClock)
      .useValue(clock)
      .compile();
    await module.init();
    const made = { module, worker: module.get(DeliveryWorker), clock, metrics: module.get(SyncMetrics) };
    instances.push(made);
    return made;
  };
  const first = await instance();
  const config = base({});
  const db = first.module.get(DataSource);
  // The users in the mirror, written the way the sync writes them.
  const users = config.sync.objects.find((o) => o.sobject === 'User')!;
  const conn = await orgConnection(emulator);
  const { records } = await conn.query<SalesforceRecord>(`SELECT ${soqlFields(users).join(', ')} FROM User`);
  await upsertRecords(db.manager, users, records);
  return {
    ...first,
    emulator,
    database,
    smtp,
    config,
    db,
    org: () => orgConnection(emulator),
    instance,
    async close() {
      // A test may have closed an instance itself (a worker that "died").
      for (const i of instances) await i.module.close().catch(() => undefined);
      await smtp.close();
      await emulator.close();
      await database.drop();
    },
  };
}

let dedup = 0;

export interface OutboxRow {
  userId: string;
  title?: string;
  body?: string;
  recordId?: string | null;
  link?: string | null;
  ruleKind?: string;
  createdAt?: Date;
  deliverAfter?: Date;
}

/** Writes an alert into the outbox as the rules do (the contract of alert_outbox); returns its id. */
export async function writeAlert(db: DataSource, row: OutboxRow): Promise<number> {
  const n = ++dedup;
  const at = row.createdAt ?? new Date();
  const [{ id }] = await db.query(
    `INSERT INTO alert_outbox (dedup_key, user_id, rule_kind, sobject, record_id, title, body, link, created_at, deliver_after)
     VALUES ($1, $2, $3, 'Opportunity', $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      `test:${n}:${Math.random()}`,
      row.userId,
      row.ruleKind ?? 'deal_won',
      row.recordId ?? null,
      row.title ?? `Alert ${n}`,
      row.body ?? `Something changed (${n}).`,
      row.link ?? null,
      at,
      row.deliverAfter ?? at,
    ],
  );
  return Number(id);
}

export interface OutboxState {
  status: string;
  attempts: number;
  last_error: string | null;
  deliver_after: Date;
  delivered_at: Date | null;
}

export async function outboxRow(db: DataSource, id: number): Promise<OutboxState> {
  const [row] = await db.query(
    `SELECT status, attempts, last_error, deliver_after, delivered_at FROM alert_outbox WHERE id = $1`,
    [id],
  );
  return row;
}
