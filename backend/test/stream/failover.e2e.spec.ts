// Exactly one active subscriber with several backend instances on one database: the holder of the
// advisory lock streams, the others stand by; when the leader goes (or loses its lock connection),
// another takes over from the stored position and the mirror still ends equal to the org, with no
// event applied twice across the instances.
import { eventually } from '../support/eventually';
import { expectNoDuplicates, startStreamStack, type RunningBackend, type StreamStack } from './stream-stack';

jest.setTimeout(120_000);

describe('leader fail-over', () => {
  let stack: StreamStack;
  const applied: number[] = [];

  beforeAll(async () => {
    stack = await startStreamStack();
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  /** Changes to several objects, one transaction each, through the REST API. */
  async function changeTheOrg(tag: string, count: number) {
    const conn = await stack.org();
    const deals = [...stack.emulator.store.scan('Opportunity')].filter((r) => r.IsDeleted !== true);
    const accounts = [...stack.emulator.store.scan('Account')];
    for (let i = 0; i < count; i++) {
      await conn.sobject('Opportunity').update({ Id: deals[(i * 13) % deals.length].Id, NextStep: `${tag} ${i}` });
      if (i % 3 === 0)
        await conn.sobject('Account').update({ Id: accounts[i % accounts.length].Id, BillingCity: `${tag} ${i}` });
    }
  }

  const stop = async (backend: RunningBackend) => {
    applied.push(...backend.applied());
    await backend.stop();
  };
  const leaders = () => stack.backends.filter((b) => b.sync.status.leader);

  it('streams on exactly one instance; a standby takes over when the leader stops', async () => {
    const first = await stack.start('streaming');
    const second = await stack.start('standby');
    await changeTheOrg('first leads', 10);
    await stack.eventuallyEqual();
    expect(leaders()).toEqual([first]);
    expect(second.applied()).toEqual([]);
    expect(stack.emulator.streaming.clientIds).toHaveLength(1);

    // Changes keep coming while the leader goes away.
    const during = changeTheOrg('during the fail-over', 20);
    await stop(first);
    await eventually(() => expect(second.sync.status.state).toBe('streaming'), 20_000);
    await during;
    await changeTheOrg('second leads', 10);
    await stack.eventuallyEqual();
    expect(leaders()).toEqual([second]);
    expect(second.applied().length).toBeGreaterThan(0);
  });

  it('steps down at once when its lock connection is lost, and the other instance takes over', async () => {
    const [leader] = leaders();
    const standby = await stack.start('standby');
    const epoch = leader.sync.status.epoch!;
    // The leader's lock connection is the one holding the advisory lock.
    const { rows } = await stack.sql.query(
      `SELECT pg_terminate_backend(pid) AS killed FROM pg_locks WHERE locktype = 'advisory' AND granted`,
    );
    expect(rows).toEqual([{ killed: true }]);
    await eventually(() => expect(leader.sync.status.leader).toBe(false), 10_000, 10);
    const during = changeTheOrg('lock lost', 15);
    await eventually(() => expect(leaders()).toHaveLength(1), 20_000);
    await during;
    await changeTheOrg('after the lock was lost', 5);
    await stack.eventuallyEqual();
    // Whoever leads now holds a later epoch; the deposed one could not have written after it.
    const [now] = leaders();
    expect(now.sync.status.epoch).toBeGreaterThan(epoch);
    expect(stack.emulator.streaming.clientIds).toHaveLength(1);
    void standby;
  });

  it('applied every event once across all the instances', async () => {
    for (const backend of [...stack.backends]) await stop(backend);
    expectNoDuplicates(applied);
    const { rows } = await stack.sql.query(`SELECT replay_id FROM sync_channel`);
    expect(Math.max(...applied)).toBe(Number(rows[0].replay_id));
  });
});
