// What the Streaming API does to a long-lived subscriber, and restarts: each time the mirror must
// end equal to the org with every event applied once (no loss, no duplicate).
import { eventually } from '../support/eventually';
import { expectNoDuplicates, startStreamStack, type RunningBackend, type StreamStack } from './stream-stack';

jest.setTimeout(90_000);

describe('stream recovery', () => {
  let stack: StreamStack;
  let backend: RunningBackend;

  beforeAll(async () => {
    stack = await startStreamStack();
    backend = await stack.start();
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  const lastReplayId = () => stack.emulator.streaming.retainedReplayIds.at(-1)!;
  const appliedThrough = (replayId: number, b = backend) =>
    eventually(() => expect(b.sync.status.lastReplayId).toBeGreaterThanOrEqual(replayId), 15_000);
  const someIds = (sobject: string, n: number, skip = 0) =>
    [...stack.emulator.store.scan(sobject)]
      .filter((r) => r.IsDeleted !== true)
      .slice(skip, skip + n)
      .map((r) => r.Id);

  /** A few changes of several objects, each its own Salesforce transaction, through the REST API. */
  async function changeTheOrg(tag: string, skip: number) {
    const conn = await stack.org();
    for (const id of someIds('Opportunity', 5, skip))
      await conn.sobject('Opportunity').update({ Id: id, NextStep: tag });
    for (const id of someIds('Account', 2, skip)) await conn.sobject('Account').update({ Id: id, BillingCity: tag });
    for (const id of someIds('Contact', 2, skip)) await conn.sobject('Contact').update({ Id: id, LastName: tag });
    const created = await conn.sobject('Task').create({ Subject: tag, WhatId: someIds('Opportunity', 1, skip)[0] });
    expect(created.success).toBe(true);
  }

  /** Events the org published after `replayId`. */
  const publishedAfter = (replayId: number) => stack.emulator.streaming.retainedReplayIds.filter((id) => id > replayId);

  it('resumes from the stored replayId after a restart, without reloading', async () => {
    await stack.eventuallyEqual();
    const before = await stack.position();
    await backend.stop();
    await changeTheOrg('while down', 0);
    const published = publishedAfter(Number(before.replay_id));
    expect(published.length).toBeGreaterThan(5);

    backend = await stack.start();
    await appliedThrough(lastReplayId());
    await stack.eventuallyEqual();
    const after = await stack.position();
    expect(after.loaded_at).toEqual(before.loaded_at); // resumed; no reload
    // Exactly the events published while it was down, each once.
    expect([...backend.applied()].sort((a, b) => a - b)).toEqual(published);
  });

  it('rebuilds the client when the session expires, from the last stored replayId', async () => {
    const from = lastReplayId();
    const clients = stack.emulator.streaming.clientIds;
    stack.emulator.faults.expireSessions({});
    await changeTheOrg('after expiry', 10);
    await appliedThrough(lastReplayId());
    // A new client (new session) now streams; the old one is gone.
    expect(stack.emulator.streaming.clientIds).toHaveLength(1);
    expect(clients).not.toContain(stack.emulator.streaming.clientIds[0]);
    await stack.eventuallyEqual();
    expect(backend.applied()).toEqual(expect.arrayContaining(publishedAfter(from)));
    expectNoDuplicates(backend.applied());
  });

  it('loses and repeats nothing when the server drops the client (403::Unknown client)', async () => {
    const from = lastReplayId();
    const clients = stack.emulator.streaming.clientIds;
    expect(stack.emulator.faults.dropStreamingClients({}).dropped).toBeGreaterThan(0);
    await changeTheOrg('after the drop', 20);
    stack.emulator.faults.dropStreamingClients({});
    await changeTheOrg('after another drop', 30);
    await appliedThrough(lastReplayId());
    expect(clients).not.toContain(stack.emulator.streaming.clientIds[0]); // it handshook again
    await stack.eventuallyEqual();
    expect(backend.applied()).toEqual(expect.arrayContaining(publishedAfter(from)));
    expectNoDuplicates(backend.applied());
  });

  it('retries a batch whose database connection dropped mid-way, applying it once', async () => {
    const from = lastReplayId();
    const conn = await stack.org();
    const deals = someIds('Opportunity', 200, 40);
    const burst = (async () => {
      for (let i = 0; i < deals.length; i += 20)
        await conn.sobject('Opportunity').update(
          deals.slice(i, i + 20).map((id) => ({ Id: id, NextStep: `burst ${i}` })),
          { allOrNone: true },
        );
    })();
    // Cut the backend's pooled connections (not the lock's) while the burst is being applied.
    await eventually(() => expect(backend.sync.status.lastReplayId).toBeGreaterThan(from), 10_000, 5);
    const { rows } = await stack.sql.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'pulse-backend' AND pid <> pg_backend_pid()`,
    );
    expect(rows.length).toBeGreaterThan(0);
    await burst;
    await appliedThrough(lastReplayId());
    await stack.eventuallyEqual();
    expect(backend.sync.status.leader).toBe(true);
    expectNoDuplicates(backend.applied());
  });

  it('resynchronises when the stored replayId has expired, then streams again', async () => {
    const before = await stack.position();
    await backend.stop();
    const conn = await stack.org();
    const [gone, changed] = someIds('Opportunity', 2, 300);
    stack.emulator.store.purge('Opportunity', gone); // emptied from the recycle bin: no event says so
    await conn.sobject('Opportunity').update({ Id: changed, Amount: 2_000 });
    // Everything up to and past the stored position has aged out of the event bus.
    stack.emulator.streaming.expireReplayLogThrough(lastReplayId());

    backend = await stack.start();
    await stack.eventuallyEqual();
    const after = await stack.position();
    expect(after.loaded_at!.getTime()).toBeGreaterThan(before.loaded_at!.getTime());
    const { rows } = await stack.sql.query(`SELECT is_deleted FROM opportunity WHERE salesforce_id = $1`, [gone]);
    expect(rows).toEqual([{ is_deleted: true }]);

    // And it streams again from a fresh position.
    await changeTheOrg('after the resync', 50);
    await appliedThrough(lastReplayId());
    await stack.eventuallyEqual();
  });
});
