// Change Data Capture faults as an unmodified jsforce streaming client sees them: gap and overflow
// events, a change with no event, dropped clients and a trimmed replay log.
import { Connection } from 'jsforce';
import { connectClient, waitFor, type TestClient } from '../src/streaming/test-harness.ts';
import { control } from './control.ts';
import { startTestOrg, type TestOrg } from './support.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const OPPORTUNITY = '/data/OpportunityChangeEvent';

describe('streaming faults over HTTP', () => {
  let org: TestOrg;
  let conn: Connection;
  let opportunities: string[];
  const clients: TestClient[] = [];

  const subscribe = async (channel: string, replayId = -1) => {
    const client = connectClient(org.emulator.url, channel, replayId, conn.accessToken!);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    org = await startTestOrg();
    conn = new Connection({ loginUrl: org.emulator.url, version: '66.0' });
    await conn.authorize({ grant_type: JWT_BEARER, assertion: org.assertion() });
    const found = await conn.query<{ Id: string }>('SELECT Id FROM Opportunity WHERE IsClosed = false LIMIT 3');
    opportunities = found.records.map((r) => r.Id);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.disconnect()));
  });

  afterAll(() => org.emulator.close());

  it('emits gap events with record ids and no field values, one per entity', async () => {
    const sub = await subscribe('/data/ChangeEvents');
    await expect(sub.subscribed).resolves.toBeNull();
    const accountId = org.emulator.store.scan('Account')[Symbol.iterator]().next().value!.Id;
    const { status, body } = await control<{ events: { replayId: number; entityName: string }[] }>(
      org.emulator.url,
      'faults/gap-events',
      { changeType: 'GAP_UPDATE', recordIds: [opportunities[0], accountId, opportunities[1]] },
    );
    expect(status).toBe(200);
    await waitFor(() => sub.received.length === 2, 5_000, 'two gap events');
    expect(sub.received.map((d) => d.event.replayId)).toEqual(body.events.map((e) => e.replayId));
    const [opportunity, account] = sub.received.map((d) => d.payload);
    expect(opportunity).toEqual({
      ChangeEventHeader: {
        entityName: 'Opportunity',
        recordIds: [opportunities[0], opportunities[1]],
        changeType: 'GAP_UPDATE',
        changeOrigin: '',
        transactionKey: expect.stringMatching(/^[0-9a-f]{32}$/),
        sequenceNumber: 1,
        commitTimestamp: expect.any(Number),
        commitNumber: expect.any(Number),
        commitUser: expect.stringMatching(/^005/),
        changedFields: [],
        nulledFields: [],
        diffFields: [],
      },
    });
    expect(account.ChangeEventHeader).toMatchObject({ entityName: 'Account', recordIds: [accountId] });
  });

  it('emits GAP_OVERFLOW for an entity, naming no record', async () => {
    const sub = await subscribe(OPPORTUNITY);
    await expect(sub.subscribed).resolves.toBeNull();
    const { body } = await control(org.emulator.url, 'faults/gap-overflow', { entityName: 'Opportunity' });
    await waitFor(() => sub.received.length === 1, 5_000, 'the overflow event');
    expect(sub.received[0].event.replayId).toBe(body.replayId);
    expect(sub.received[0].payload.ChangeEventHeader).toMatchObject({
      entityName: 'Opportunity',
      changeType: 'GAP_OVERFLOW',
      recordIds: ['000000000000000AAA'],
    });
    const refused = await control(org.emulator.url, 'faults/gap-overflow', { entityName: 'OpportunityStage' });
    expect(refused.status).toBe(400);
  });

  it('changes a record without any event, as a formula or a direct database change would', async () => {
    const sub = await subscribe(OPPORTUNITY);
    await expect(sub.subscribed).resolves.toBeNull();
    const [silent, loud] = opportunities;
    const before = (await conn.sobject('Opportunity').retrieve(silent)) as { LastModifiedDate: string };
    const written = await control(org.emulator.url, 'faults/write-without-event', {
      recordId: silent,
      values: { Amount: 4242 },
    });
    expect(written.status).toBe(200);
    await conn.sobject('Opportunity').update({ Id: loud, Amount: 99 });
    await waitFor(() => sub.received.length >= 1, 5_000, 'the ordinary update event');

    expect(sub.received.flatMap((d) => d.payload.ChangeEventHeader.recordIds)).toEqual([loud]);
    const after = (await conn.sobject('Opportunity').retrieve(silent)) as { Amount: number; LastModifiedDate: string };
    expect(after.Amount).toBe(4242);
    expect(after.LastModifiedDate).toBe(before.LastModifiedDate);
    const bad = await control(org.emulator.url, 'faults/write-without-event', {
      recordId: silent,
      values: { Nope: 1 },
    });
    expect(bad).toMatchObject({ status: 400, body: { message: expect.stringContaining('INVALID_FIELD') } });
  });

  it('drops streaming clients: jsforce handshakes again and keeps receiving', async () => {
    const sub = await subscribe(OPPORTUNITY);
    await expect(sub.subscribed).resolves.toBeNull();
    const { body } = await control(org.emulator.url, 'faults/streaming/drop-clients', {});
    expect(body).toEqual({ dropped: 1 });
    await waitFor(
      () => sub.meta.filter((m) => m.channel === '/meta/handshake' && m.successful).length === 2,
      5_000,
      'a second handshake',
    );
    // The Replay extension resubscribes from the last replayId it saw: wait for that subscribe.
    await waitFor(() => sub.meta.filter((m) => m.channel === '/meta/subscribe').length >= 2, 5_000, 'resubscription');
    await conn.sobject('Opportunity').update({ Id: opportunities[2], Amount: 7 });
    await waitFor(() => sub.received.length === 1, 5_000, 'an event after the drop');
    expect(sub.received[0].payload.ChangeEventHeader.recordIds).toEqual([opportunities[2]]);
  });

  it('trims the replay log so a stored replayId is refused as Salesforce refuses an expired one', async () => {
    const sub = await subscribe(OPPORTUNITY);
    await expect(sub.subscribed).resolves.toBeNull();
    await conn.sobject('Opportunity').update({ Id: opportunities[0], Amount: 8 });
    await waitFor(() => sub.received.length === 1, 5_000, 'an event to store');
    const stored = sub.received[0].event.replayId;

    const { body } = await control(org.emulator.url, 'faults/streaming/trim-replay-log', {});
    expect(body).toEqual({ trimmedThrough: stored, retained: 0 });
    const late = await subscribe(OPPORTUNITY, stored);
    expect(await late.subscribed).toMatchObject({
      message: expect.stringContaining(`400::The replayId {${stored}} you provided was invalid.`),
    });
  });
});
