// Hand-over from the initial load to streaming without a gap: the subscription starts before the
// load, events that arrive while loading are held (durably) and applied after it, and a restart
// in the middle resumes the same load from the stored position.
import { eventually } from '../support/eventually';
import { expectNoDuplicates, startStreamStack, type RunningBackend, type StreamStack } from './stream-stack';

jest.setTimeout(120_000);

/** Keeps changing the org (straight through its store, so the latency fault does not slow it). */
function churn(stack: StreamStack, tag: string) {
  const { store } = stack.emulator;
  const pick = (sobject: string, i: number) => {
    const live = [...store.scan(sobject)].filter((r) => r.IsDeleted !== true);
    return live[(i * 7) % live.length].Id;
  };
  let i = 0;
  let stopped = false;
  const made: string[] = [];
  const run = (async () => {
    while (!stopped) {
      const n = i++;
      store.transact(stack.adminUserId, (tx) => {
        // A mix across objects loaded early (User, Account) and late (Opportunity, Task, Event).
        tx.update('Opportunity', pick('Opportunity', n), { NextStep: `${tag} ${n}` });
        tx.update('Account', pick('Account', n), { NumberOfEmployees: 1000 + n });
        if (n % 3 === 0)
          made.push(tx.create('Task', { Subject: `${tag} task ${n}`, WhatId: pick('Opportunity', n + 1) }));
        if (n % 5 === 0) tx.delete('Opportunity', pick('Opportunity', n + 2));
        if (n % 4 === 0) tx.update('Contact', pick('Contact', n), { LastName: `${tag} ${n}`, MailingCity: null });
      });
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  })();
  return {
    made,
    get count() {
      return i;
    },
    async stop() {
      stopped = true;
      await run;
    },
  };
}

describe('hand-over from the load to streaming', () => {
  let stack: StreamStack;

  afterEach(async () => {
    await stack?.close();
  });

  it('applies every change made during a (slowed) load once the load is done', async () => {
    stack = await startStreamStack();
    // Every request of the load takes a while, so the changes land in the middle of it.
    stack.emulator.faults.setLatency({ ms: 60 });
    const backend = await stack.start('loading');
    const changes = churn(stack, 'during the load');
    await eventually(() => expect(backend.sync.status.state).toBe('streaming'), 60_000);
    await changes.stop();
    stack.emulator.faults.clearLatency();

    expect(changes.count).toBeGreaterThan(10);
    await stack.eventuallyEqual(30_000);
    // The path taken: held in the buffer while loading, then applied from it, then live.
    const modes = new Set(backend.batches.map((b) => b.mode));
    expect(modes).toEqual(new Set(['buffer', 'drain', 'live']));
    expect((await stack.sql.query(`SELECT count(*)::int AS n FROM sync_event_buffer`)).rows).toEqual([{ n: 0 }]);
    expectNoDuplicates(backend.applied());
  });

  it('resumes an interrupted load from the stored position, still holding what arrived meanwhile', async () => {
    stack = await startStreamStack();
    stack.emulator.faults.setLatency({ ms: 60 });
    let backend: RunningBackend = await stack.start('loading');
    const changes = churn(stack, 'first run');
    // Stop it once a few objects are loaded and events have been held.
    await eventually(async () => {
      const loaded = Object.values(backend.sync.status.objects).filter((s) => s === 'loaded');
      expect(loaded.length).toBeGreaterThanOrEqual(3);
      expect(backend.batches.some((b) => b.mode === 'buffer')).toBe(true);
    }, 60_000);
    await backend.stop();
    const interrupted = await stack.position();
    expect(interrupted.loaded_at).toBeNull();
    expect(interrupted.replay_id).not.toBeNull();
    const { rows: held } = await stack.sql.query(
      `SELECT count(*)::int AS n, max(replay_id) AS last FROM sync_event_buffer`,
    );
    expect(held[0].n).toBeGreaterThan(0);

    // More changes while nothing runs; then a new process picks the same load up.
    await new Promise((resolve) => setTimeout(resolve, 300));
    backend = await stack.start('loading');
    await eventually(() => expect(backend.sync.status.state).toBe('streaming'), 60_000);
    await changes.stop();
    stack.emulator.faults.clearLatency();

    await stack.eventuallyEqual(30_000);
    const resumed = await stack.position();
    expect(resumed.load_started_at).toEqual(interrupted.load_started_at); // the same load, resumed
    // It subscribed after the last held event, applied the held ones from the buffer, then streamed.
    const drained = backend.batches.filter((b) => b.mode === 'drain').flatMap((b) => b.replayIds);
    expect(drained).toEqual(expect.arrayContaining([Number(held[0].last)]));
    expect(Math.min(...backend.batches.filter((b) => b.mode === 'buffer').flatMap((b) => b.replayIds))).toBeGreaterThan(
      Number(interrupted.replay_id),
    );
    expectNoDuplicates(backend.applied());
  });
});
