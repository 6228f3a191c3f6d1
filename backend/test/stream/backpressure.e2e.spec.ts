// Backpressure: when events arrive faster than they can be applied for long, the stream is paused
// (its client closed) once the backlog passes a mark, and reopened from the last committed replayId
// when the backlog is applied: memory stays bounded and nothing is lost or applied twice. Driven on
// the StreamRunner itself (the real loader, jsforce and database), with small marks to force it.
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { SalesforceConnection } from '../../src/salesforce/salesforce-connection.service';
import { BulkLoader } from '../../src/sync/load/bulk-loader.service';
import type { AppliedBatch } from '../../src/sync/stream/apply-pipeline';
import { StreamRunner, type RunnerState } from '../../src/sync/stream/stream-runner';
import { eventually } from '../support/eventually';
import { mirrorDifferences, type Queryable } from '../support/mirror-equals-org';
import { expectNoDuplicates, startStreamStack, type StreamStack } from './stream-stack';

jest.setTimeout(90_000);

describe('stream backpressure', () => {
  let stack: StreamStack;
  let db: DataSource;
  let runner: StreamRunner;
  let sql: Pool;
  const batches: AppliedBatch[] = [];
  const warnings: string[] = [];
  let state: RunnerState | undefined;

  beforeAll(async () => {
    stack = await startStreamStack();
    db = await new DataSource(dataSourceOptions(stack.database.url)).initialize();
    sql = new Pool({ connectionString: stack.database.url, max: 1 });
    // This test plays the leader itself.
    await db.query(`UPDATE sync_leader SET epoch = 7, holder = 'backpressure test' WHERE id = 1`);
    runner = new StreamRunner({
      db,
      objects: stack.config.sync.objects,
      loader: new BulkLoader(db),
      salesforce: new SalesforceConnection(stack.config),
      epoch: 7,
      logger: { log: () => undefined, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
      maxBatchEvents: 10,
      backlogHighWater: 30,
      onState: (s) => (state = s),
      onObjectState: () => undefined,
      onLoadProgress: () => undefined,
      onBatch: (b) => batches.push(b),
      onProblem: (kind, error) => warnings.push(`${kind}: ${error.message}`),
      onReady: () => undefined,
      onFatal: (error) => warnings.push(`fatal: ${error.message}`),
    });
    runner.start();
    await eventually(() => expect(state).toBe('streaming'), 30_000);
  }, 60_000);

  afterAll(async () => {
    await runner?.stop();
    await sql?.end();
    await db?.destroy();
    await stack?.close();
  });

  it('pauses the stream while a backlog is applied, and loses or repeats nothing', async () => {
    const { store } = stack.emulator;
    const deals = [...store.scan('Opportunity')].filter((r) => r.IsDeleted !== true).slice(0, 400);
    // Bursts faster than batches of ten can keep up with.
    for (let round = 0; round < 8; round++) {
      for (const [i, deal] of deals.entries())
        if (i % 8 === round)
          store.transact(stack.adminUserId, (tx) => tx.update('Opportunity', deal.Id, { NextStep: `round ${round}` }));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const last = stack.emulator.streaming.retainedReplayIds.at(-1)!;
    await eventually(() => expect(Math.max(...batches.map((b) => b.lastReplayId))).toBe(last), 60_000);

    const rows: Queryable = { query: async (text, params) => (await sql.query(text, params)).rows };
    const streamed = stack.config.sync.objects.filter((o) => o.changeEvents);
    expect(await mirrorDifferences(rows, store, streamed)).toEqual([]);
    expect(warnings.filter((w) => w.includes('backpressure')).length).toBeGreaterThan(0);
    expect(Math.max(...batches.map((b) => b.events))).toBeLessThanOrEqual(10);
    expectNoDuplicates(batches.flatMap((b) => b.replayIds));
  });
});
