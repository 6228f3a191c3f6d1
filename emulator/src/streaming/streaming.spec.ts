// Change Data Capture over CometD as unmodified jsforce (and its faye client) sees it, over HTTP.
import { changeEvent, connectClient, startHarness, waitFor, type Harness, type TestClient } from './test-harness.ts';

const OPPORTUNITY = '/data/OpportunityChangeEvent';
const ALL = '/data/ChangeEvents';
const INVALID_REPLAY = (id: number) =>
  `400::The replayId {${id}} you provided was invalid.  ` +
  'Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.';

describe('StreamingServer with jsforce', () => {
  let harness: Harness;
  const clients: TestClient[] = [];

  const client = (...args: Parameters<typeof connectClient>) => {
    const created = connectClient(...args);
    clients.push(created);
    return created;
  };

  afterEach(async () => {
    // Disconnect first: a client left polling a closed port would retry on a timer.
    await Promise.all(clients.splice(0).map((c) => c.disconnect()));
    await harness.close();
  });

  it('delivers a published change to /data/OpportunityChangeEvent in the shape Salesforce sends', async () => {
    harness = await startHarness();
    const sub = client(harness.url, OPPORTUNITY);
    await expect(sub.subscribed).resolves.toBeNull();

    const opportunity = changeEvent('Opportunity', '006000000000001AAA', { StageName: 'Closed Won', Amount: 5000 });
    const replayId = harness.streaming.publish(opportunity);
    harness.streaming.publish(changeEvent('Account', '001000000000001AAA', { Name: 'Acme' }));
    await waitFor(() => sub.received.length === 1, 5_000, 'the opportunity event');

    expect(sub.received[0]).toEqual({
      schema: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      payload: opportunity,
      event: { replayId },
    });
    expect(sub.meta.find((m) => m.channel === '/meta/handshake')).toMatchObject({
      successful: true,
      supportedConnectionTypes: ['long-polling'],
      ext: { replay: true, 'payload.format': true },
    });
    // The Account event must never reach the Opportunity channel.
    harness.streaming.publish(changeEvent('Opportunity', '006000000000002AAA', { Amount: 1 }));
    await waitFor(() => sub.received.length === 2);
    expect(sub.received.map((d) => d.payload.ChangeEventHeader.entityName)).toEqual(['Opportunity', 'Opportunity']);
  });

  it('sends every entity to /data/ChangeEvents, in publish order, on one replayId sequence', async () => {
    harness = await startHarness();
    const sub = client(harness.url, ALL);
    await expect(sub.subscribed).resolves.toBeNull();

    const ids = ['Opportunity', 'Account', 'User', 'UserRole'].map((entity, i) =>
      harness.streaming.publish(changeEvent(entity, `${i}`.padStart(18, '0'))),
    );
    await waitFor(() => sub.received.length === 4);

    expect(sub.received.map((d) => d.payload.ChangeEventHeader.entityName)).toEqual([
      'Opportunity',
      'Account',
      'User',
      'UserRole',
    ]);
    expect(sub.received.map((d) => d.event.replayId)).toEqual(ids);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('replays every retained event for -2 and only later ones for a stored replayId', async () => {
    harness = await startHarness();
    const first = harness.streaming.publish(changeEvent('Opportunity', '006000000000001AAA'));
    harness.streaming.publish(changeEvent('Account', '001000000000001AAA'));
    const second = harness.streaming.publish(changeEvent('Opportunity', '006000000000002AAA'));
    const third = harness.streaming.publish(changeEvent('Opportunity', '006000000000003AAA'));

    const everything = client(harness.url, OPPORTUNITY, -2);
    const afterFirst = client(harness.url, OPPORTUNITY, first);
    const onlyNew = client(harness.url, OPPORTUNITY, -1);
    await Promise.all([everything, afterFirst, onlyNew].map((c) => expect(c.subscribed).resolves.toBeNull()));
    await waitFor(() => everything.received.length === 3 && afterFirst.received.length === 2);

    const live = harness.streaming.publish(changeEvent('Opportunity', '006000000000004AAA'));
    await waitFor(
      () => everything.received.length === 4 && afterFirst.received.length === 3 && onlyNew.received.length === 1,
    );
    // Give a duplicate the time to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 100));

    const idsOf = (c: TestClient) => c.received.map((d) => d.event.replayId);
    expect(idsOf(everything)).toEqual([first, second, third, live]);
    expect(idsOf(afterFirst)).toEqual([second, third, live]);
    expect(idsOf(onlyNew)).toEqual([live]);
    // One counter across channels: the Account event took an id between the Opportunity ones.
    expect(second - first).toBe(2);
  });

  it("refuses an expired replayId at subscribe with Salesforce's text, surfaced as the subscription's rejection", async () => {
    harness = await startHarness({ retentionMs: 60 * 60_000 });
    const expired = harness.streaming.publish(changeEvent('Opportunity', '006000000000001AAA'));
    harness.advance(2 * 60 * 60_000);
    const retained = harness.streaming.publish(changeEvent('Opportunity', '006000000000002AAA'));

    const stale = client(harness.url, OPPORTUNITY, expired);
    // faye parses "code::message" errors, but the braces in this one defeat its grammar, so jsforce
    // hands over the whole text in `message` with a null code.
    await expect(stale.subscribed).resolves.toEqual(
      expect.objectContaining({ code: null, message: INVALID_REPLAY(expired) }),
    );
    const reply = stale.meta.find((m) => m.channel === '/meta/subscribe');
    expect(reply).toMatchObject({ successful: false, subscription: OPPORTUNITY, error: INVALID_REPLAY(expired) });

    // The refused client stays connected; it recovers on the same connection by replaying all (-2).
    await expect(stale.resubscribe(-2)).resolves.toBeNull();
    await waitFor(() => stale.received.length === 1);
    expect(stale.received[0]?.event.replayId).toBe(retained);
  });

  it('refuses an id that was never issued, and ids pushed out by the event cap', async () => {
    harness = await startHarness({ maxRetainedEvents: 2 });
    const oldest = harness.streaming.publish(changeEvent('Opportunity', '006000000000001AAA'));
    harness.streaming.publish(changeEvent('Opportunity', '006000000000002AAA'));
    harness.streaming.publish(changeEvent('Opportunity', '006000000000003AAA'));

    const capped = client(harness.url, OPPORTUNITY, oldest);
    const future = client(harness.url, OPPORTUNITY, 999);
    await expect(capped.subscribed).resolves.toMatchObject({ message: INVALID_REPLAY(oldest) });
    await expect(future.subscribed).resolves.toMatchObject({ message: INVALID_REPLAY(999) });
  });

  it("denies the handshake of a bad token the way Salesforce does, which fires jsforce's AuthFailure", async () => {
    harness = await startHarness();
    const denied = client(harness.url, OPPORTUNITY, -1, 'expired-token');
    await waitFor(() => denied.authFailures.length === 1);

    expect(denied.authFailures[0]).toEqual({
      channel: '/meta/handshake',
      id: expect.any(String),
      successful: false,
      error: '403::Handshake denied',
      ext: { sfdc: { failureReason: '401::Authentication invalid' } },
      advice: { reconnect: 'none' },
    });
    expect(harness.streaming.clientIds).toEqual([]);
  });

  it('answers the held connect with 401::Authentication invalid once the token is revoked, and delivers nothing', async () => {
    harness = await startHarness();
    const sub = client(harness.url, OPPORTUNITY);
    await expect(sub.subscribed).resolves.toBeNull();
    await waitFor(() => harness.streaming.heldPolls === 1, 5_000, 'a held poll');

    harness.tokens.delete('good-token');
    harness.streaming.publish(changeEvent('Opportunity', '006000000000001AAA'));
    await waitFor(() => sub.authFailures.length === 1);

    expect(sub.authFailures[0]).toMatchObject({
      channel: '/meta/connect',
      successful: false,
      error: '401::Authentication invalid',
      advice: { reconnect: 'none', interval: 0 },
    });
    expect(sub.received).toEqual([]);
  });

  it('makes a dropped client re-handshake and resubscribe from its last replayId, losing and repeating nothing', async () => {
    harness = await startHarness();
    const sub = client(harness.url, OPPORTUNITY);
    await expect(sub.subscribed).resolves.toBeNull();
    const first = harness.streaming.publish(changeEvent('Opportunity', '006000000000001AAA'));
    await waitFor(() => sub.received.length === 1);
    await waitFor(() => harness.streaming.heldPolls === 1, 5_000, 'a held poll');

    // As after a server restart: the client is unknown, and events keep coming meanwhile.
    expect(harness.streaming.dropClient('all')).toBe(1);
    const during = [2, 3].map((n) =>
      harness.streaming.publish(changeEvent('Opportunity', `00600000000000${n}AAA`.padEnd(18, 'A'))),
    );
    await waitFor(() => sub.received.length === 3, 5_000, 'the events published while dropped');
    const after = harness.streaming.publish(changeEvent('Opportunity', '006000000000004AAA'));
    await waitFor(() => sub.received.length === 4);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(sub.received.map((d) => d.event.replayId)).toEqual([first, ...during, after]);
    expect(sub.meta.find((m) => m.error === '403::Unknown client')).toMatchObject({
      channel: '/meta/connect',
      successful: false,
      advice: { reconnect: 'handshake', interval: 0 },
    });
    const handshakes = sub.meta.filter((m) => m.channel === '/meta/handshake' && m.successful);
    expect(handshakes).toHaveLength(2);
    const subscribes = sub.sent.filter((m) => m.channel === '/meta/subscribe');
    expect(subscribes.map((m) => m.ext?.replay)).toEqual([{ [OPPORTUNITY]: -1 }, { [OPPORTUNITY]: first }]);
    expect(harness.streaming.clientIds).toEqual([handshakes[1]?.clientId]);
  });

  it('answers a held connect when the long-poll timeout passes, and the client keeps receiving', async () => {
    harness = await startHarness({ longPollTimeoutMs: 300 });
    const sub = client(harness.url, OPPORTUNITY);
    await expect(sub.subscribed).resolves.toBeNull();
    const connects = () => sub.meta.filter((m) => m.channel === '/meta/connect' && m.successful).length;
    const before = connects();

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // About three timeouts in one second; a connect held too long (or not at all) breaks the range.
    expect(connects() - before).toBeGreaterThanOrEqual(2);
    expect(connects() - before).toBeLessThanOrEqual(5);
    expect(sub.meta.filter((m) => m.channel === '/meta/connect').at(-1)?.advice).toEqual({
      reconnect: 'retry',
      interval: 0,
      timeout: 300,
    });

    harness.streaming.publish(changeEvent('Opportunity', '006000000000001AAA'));
    await waitFor(() => sub.received.length === 1);
  });

  it('close() answers held polls at once', async () => {
    harness = await startHarness({ longPollTimeoutMs: 30_000 });
    const sub = client(harness.url, OPPORTUNITY);
    await expect(sub.subscribed).resolves.toBeNull();
    await waitFor(() => harness.streaming.heldPolls === 1, 5_000, 'a held poll');
    const answered = sub.meta.filter((m) => m.channel === '/meta/connect').length;

    const started = Date.now();
    await harness.streaming.close();
    await waitFor(
      () => sub.meta.filter((m) => m.channel === '/meta/connect').length > answered,
      1_000,
      'the released poll',
    );
    expect(Date.now() - started).toBeLessThan(500);
  });
});
