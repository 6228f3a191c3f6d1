// PostgreSQL crashes mid-stream (immediate shutdown: no checkpoint, recovery from the WAL) while the
// org keeps changing: the leader loses its lock connection and stops, takes the lead again when the
// server is back, resumes from the stored position, and the mirror ends equal to the org. What the
// crash lost of the last commits (they need not wait for a WAL flush) is replayed by Salesforce.
import { eventually } from '../support/eventually';
import { startDedicatedPostgres, type DedicatedPostgres } from './dedicated-postgres';
import { startStreamStack, type StreamStack } from './stream-stack';

jest.setTimeout(120_000);

describe('PostgreSQL restart mid-stream', () => {
  let postgres: DedicatedPostgres;
  let stack: StreamStack;

  beforeAll(async () => {
    postgres = await startDedicatedPostgres();
    stack = await startStreamStack({ databaseUrl: postgres.url });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await postgres?.stop();
  });

  it('recovers by itself and ends equal to the org', async () => {
    const backend = await stack.start();
    const { store } = stack.emulator;
    const deals = [...store.scan('Opportunity')].filter((r) => r.IsDeleted !== true);
    const accounts = [...store.scan('Account')];
    let stopped = false;
    let n = 0;
    const churn = (async () => {
      while (!stopped) {
        const i = n++;
        store.transact(stack.adminUserId, (tx) => {
          tx.update('Opportunity', deals[(i * 13) % deals.length].Id, { NextStep: `restart ${i}` });
          if (i % 3 === 0) tx.update('Account', accounts[i % accounts.length].Id, { NumberOfEmployees: i });
        });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();

    await eventually(() => expect(backend.sync.status.eventsApplied).toBeGreaterThan(20), 10_000);
    await postgres.crash();
    await eventually(() => expect(backend.sync.status.leader).toBe(false), 10_000, 20);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // changes keep coming meanwhile
    await postgres.start();
    await eventually(() => expect(backend.sync.status.state).toBe('streaming'), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    stopped = true;
    await churn;

    const last = stack.emulator.streaming.retainedReplayIds.at(-1)!;
    await eventually(async () => expect(Number((await stack.position()).replay_id)).toBe(last), 30_000, 100);
    await stack.eventuallyEqual(30_000);
  });
});
