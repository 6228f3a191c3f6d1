// Gap and overflow events: Salesforce names records (or a whole object) it could not describe in
// events; the mirror must re-read them, durably, and end equal to the org.
import { eventually } from '../support/eventually';
import { startStreamStack, type RunningBackend, type StreamStack } from './stream-stack';

jest.setTimeout(60_000);

describe('gap and overflow events', () => {
  let stack: StreamStack;
  let backend: RunningBackend;

  beforeAll(async () => {
    stack = await startStreamStack();
    backend = await stack.start();
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  const ids = (sobject: string, n: number, skip = 0) =>
    [...stack.emulator.store.scan(sobject)]
      .filter((r) => r.IsDeleted !== true)
      .slice(skip, skip + n)
      .map((r) => r.Id);
  const appliedThrough = (replayId: number) =>
    eventually(() => expect(backend.sync.status.lastReplayId).toBeGreaterThanOrEqual(replayId), 10_000);
  const pending = async () => (await stack.sql.query(`SELECT sobject, salesforce_id, reason FROM sync_refetch`)).rows;

  it('re-reads the records gap events name, in batches, and applies what Salesforce holds now', async () => {
    const { store, faults } = stack.emulator;
    const accounts = ids('Account', 3);
    const [deal] = ids('Opportunity', 1);
    const [gone] = ids('Contact', 1);
    // Changes that reach no event (direct database writes), then the gap events announcing them.
    for (const [i, id] of accounts.entries())
      store.writeSilently('Account', id, { Name: `Gap account ${i}`, BillingCity: null });
    store.writeSilently('Opportunity', deal, { NextStep: 'changed behind the stream' });
    store.purge('Contact', gone);
    faults.emitGapEvents({ changeType: 'GAP_UPDATE', recordIds: [...accounts, deal] });
    const { events } = faults.emitGapEvents({ changeType: 'GAP_DELETE', recordIds: [gone] });

    await appliedThrough(events.at(-1)!.replayId);
    await stack.eventuallyEqual();
    expect(await pending()).toEqual([]);
    const { rows } = await stack.sql.query(`SELECT is_deleted FROM contact WHERE salesforce_id = $1`, [gone]);
    expect(rows).toEqual([{ is_deleted: true }]);
  });

  it('keeps a re-read it could not do yet across a restart', async () => {
    const { store, faults } = stack.emulator;
    const [deal] = ids('Opportunity', 1, 5);
    store.writeSilently('Opportunity', deal, { Name: 'Re-read after the restart' });
    // The org refuses every REST call now, so the re-read fails; the stream is not REST and goes on.
    faults.setApiRemaining({ remaining: 0 });
    const [{ replayId }] = faults.emitGapEvents({ changeType: 'GAP_UPDATE', recordIds: [deal] }).events;
    await appliedThrough(replayId);
    expect(await pending()).toEqual([{ sobject: 'Opportunity', salesforce_id: deal, reason: 'GAP_UPDATE' }]);
    await backend.stop();

    faults.clearApiLimits();
    backend = await stack.start();
    await stack.eventuallyEqual();
    expect(await pending()).toEqual([]);
  });

  it('resynchronises an object on GAP_OVERFLOW while streaming carries on for the others', async () => {
    const { store, faults } = stack.emulator;
    const deals = ids('Opportunity', 4, 10);
    for (const id of deals.slice(0, 3))
      store.writeSilently('Opportunity', id, { StageName: 'Closed Lost', IsClosed: true });
    store.purge('Opportunity', deals[3]); // hard-deleted with no event at all: only a full load sees it
    const { replayId } = faults.emitOverflow({ entityName: 'Opportunity' });

    const conn = await stack.org();
    const [account] = ids('Account', 1, 7);
    await conn.sobject('Account').update({ Id: account, Name: 'Changed during the resync' });

    await appliedThrough(replayId);
    const overflow = backend.batches.find((b) => b.replayIds.includes(replayId))!;
    expect(overflow.resync).toEqual(['Opportunity']);
    await stack.eventuallyEqual();
    expect((await stack.sql.query(`SELECT * FROM sync_resync`)).rows).toEqual([]);
    const { rows } = await stack.sql.query(`SELECT is_deleted FROM opportunity WHERE salesforce_id = $1`, [deals[3]]);
    expect(rows).toEqual([{ is_deleted: true }]);
  });
});
