// Wire details of the CometD endpoint that jsforce does not expose, checked with raw HTTP.
import { API_VERSION, bayeux, changeEvent, rawHandshake, startHarness, type Harness } from './test-harness.ts';

const connect = (clientId: string, id = '2') => ({
  channel: '/meta/connect',
  clientId,
  connectionType: 'long-polling',
  id,
});
const subscribe = (clientId: string, subscription: string, ext?: object) => ({
  channel: '/meta/subscribe',
  clientId,
  subscription,
  id: '3',
  ...(ext ? { ext } : {}),
});

describe('CometD endpoint over raw HTTP', () => {
  let harness: Harness;

  afterEach(async () => {
    await harness.close();
  });

  it.each([
    ['its own form parser', false],
    ["the app's @fastify/formbody", true],
  ])('accepts a form-encoded message= body on a /meta/... path suffix, with %s', async (_parser, formBody) => {
    harness = await startHarness({}, { formBody });
    const handshake = {
      channel: '/meta/handshake',
      version: '1.0',
      supportedConnectionTypes: ['long-polling'],
      id: '1',
    };
    const { status, body } = await bayeux(harness.url, [handshake], {
      form: true,
      path: `/cometd/${API_VERSION}/meta/handshake`,
    });

    expect(status).toBe(200);
    expect(body).toEqual([
      {
        channel: '/meta/handshake',
        id: '1',
        clientId: expect.stringMatching(/^[0-9a-z]{27}$/),
        version: '1.0',
        minimumVersion: '1.0',
        supportedConnectionTypes: ['long-polling'],
        successful: true,
        ext: { replay: true, 'payload.format': true },
      },
    ]);
  });

  it('answers the first connect at once, then holds a lone connect until the timeout', async () => {
    harness = await startHarness({ longPollTimeoutMs: 300 });
    const clientId = await rawHandshake(harness.url);

    let started = Date.now();
    const first = await bayeux(harness.url, [connect(clientId)]);
    expect(Date.now() - started).toBeLessThan(200);
    expect(first.body).toEqual([
      {
        channel: '/meta/connect',
        id: '2',
        clientId,
        successful: true,
        advice: { reconnect: 'retry', interval: 0, timeout: 300 },
      },
    ]);

    started = Date.now();
    const held = await bayeux(harness.url, [connect(clientId, '4')]);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(280);
    expect(elapsed).toBeLessThan(1_000);
    expect(held.body).toEqual([expect.objectContaining({ channel: '/meta/connect', id: '4', successful: true })]);
  });

  it('does not hold a connect batched with a subscribe, and delivers the replayed events in that answer', async () => {
    harness = await startHarness({ longPollTimeoutMs: 30_000 });
    const replayId = harness.streaming.publish(changeEvent('Account', '001000000000001AAA'));
    const clientId = await rawHandshake(harness.url);
    await bayeux(harness.url, [connect(clientId)]);

    // faye flags a connect sharing its batch with advice.timeout = 0; holding it would hold the
    // subscribe reply too, even when there is nothing to deliver.
    let started = Date.now();
    const quiet = await bayeux(harness.url, [
      { ...connect(clientId, '5'), advice: { timeout: 0 } },
      subscribe(clientId, '/data/OpportunityChangeEvent'),
    ]);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(quiet.body.map((m) => [m.channel, m.successful])).toEqual([
      ['/meta/subscribe', true],
      ['/meta/connect', true],
    ]);

    started = Date.now();
    const { body } = await bayeux(harness.url, [
      { ...connect(clientId, '6'), advice: { timeout: 0 } },
      subscribe(clientId, '/data/AccountChangeEvent', { replay: { '/data/AccountChangeEvent': -2 } }),
    ]);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(body.map((m) => m.channel)).toEqual(['/meta/subscribe', '/data/AccountChangeEvent', '/meta/connect']);
    expect(body[0]).toEqual({
      channel: '/meta/subscribe',
      id: '3',
      clientId,
      subscription: '/data/AccountChangeEvent',
      successful: true,
    });
    expect(body[1]).toMatchObject({ data: { event: { replayId } } });
  });

  it('keeps the events of a poll the client abandoned for its next connect', async () => {
    harness = await startHarness({ longPollTimeoutMs: 30_000 });
    const clientId = await rawHandshake(harness.url);
    await bayeux(harness.url, [connect(clientId), subscribe(clientId, '/data/OpportunityChangeEvent')]);
    const abandon = new AbortController();
    const abandoned = bayeux(harness.url, [connect(clientId, '4')], { signal: abandon.signal }).catch((e: Error) => e);
    while (harness.streaming.heldPolls === 0) await new Promise((resolve) => setTimeout(resolve, 10));

    // faye aborts a poll held past 1.2 x advice.timeout, then sends the connect again.
    abandon.abort();
    await expect(abandoned).resolves.toMatchObject({ name: 'AbortError' });
    while (harness.streaming.heldPolls > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const replayId = harness.streaming.publish(changeEvent('Opportunity', '006000000000001AAA'));
    const { body } = await bayeux(harness.url, [connect(clientId, '5')]);

    expect(body.map((m) => m.channel)).toEqual(['/data/OpportunityChangeEvent', '/meta/connect']);
    expect(body[0]).toMatchObject({ data: { event: { replayId } } });
  });

  it('refuses unknown channels, replay maps without the channel, and client publishes', async () => {
    harness = await startHarness();
    const clientId = await rawHandshake(harness.url);
    const { body } = await bayeux(harness.url, [
      subscribe(clientId, '/data/FooChangeEvent'),
      subscribe(clientId, '/data/OpportunityChangeEvent', { replay: { '/data/AccountChangeEvent': -1 } }),
      { channel: '/data/OpportunityChangeEvent', clientId, data: { hacked: true }, id: '9' },
    ]);

    expect(body).toEqual([
      {
        channel: '/meta/subscribe',
        id: '3',
        clientId,
        subscription: '/data/FooChangeEvent',
        successful: false,
        error: '400::The channel you requested to subscribe to does not exist {/data/FooChangeEvent}',
      },
      expect.objectContaining({
        successful: false,
        error:
          "400::The replayId for channel {/data/OpportunityChangeEvent} wasn't found using the provided replay ID map " +
          '{{/data/AccountChangeEvent=-1}}. Ensure that the channel name you provided in the replay map is valid and ' +
          'matches the channel name used for subscribing.',
      }),
      {
        channel: '/data/OpportunityChangeEvent',
        id: '9',
        clientId,
        successful: false,
        error: '403::Publish not allowed',
      },
    ]);
  });

  it('forgets a client that stops polling: 403::Unknown client with advice to handshake', async () => {
    harness = await startHarness({ clientTimeoutMs: 5_000 });
    const clientId = await rawHandshake(harness.url);
    harness.advance(6_000);

    const { body } = await bayeux(harness.url, [connect(clientId)]);

    expect(body).toEqual([
      {
        channel: '/meta/connect',
        id: '2',
        clientId,
        successful: false,
        error: '403::Unknown client',
        advice: { reconnect: 'handshake', interval: 0 },
      },
    ]);
    expect(harness.streaming.clientIds).toEqual([]);
  });

  it('refuses requests without a token or with an unsupported API version', async () => {
    harness = await startHarness();
    const handshake = {
      channel: '/meta/handshake',
      version: '1.0',
      supportedConnectionTypes: ['long-polling'],
      id: '1',
    };

    const anonymous = await bayeux(harness.url, [handshake], { token: null });
    const old = await bayeux(harness.url, [handshake], { path: '/cometd/36.0' });

    expect(anonymous.body[0]).toMatchObject({
      successful: false,
      error: '403::Handshake denied',
      ext: { sfdc: { failureReason: '401::Request requires authentication' } },
    });
    expect(old.body[0]).toMatchObject({
      successful: false,
      error:
        "400::Unsupported API version. Only API versions '37.0' and later are supported. URI format: '/cometd/66.0'",
    });
  });

  it('lets app.close() finish at once although a connect is held', async () => {
    harness = await startHarness({ longPollTimeoutMs: 30_000 });
    const clientId = await rawHandshake(harness.url);
    await bayeux(harness.url, [connect(clientId)]);
    const held = bayeux(harness.url, [connect(clientId, '4')]);
    while (harness.streaming.heldPolls === 0) await new Promise((resolve) => setTimeout(resolve, 10));

    const started = Date.now();
    await harness.close();

    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(held).resolves.toMatchObject({ body: [{ channel: '/meta/connect', id: '4', successful: true }] });
  });
});
