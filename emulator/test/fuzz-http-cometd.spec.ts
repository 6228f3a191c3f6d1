// Fuzzing the Streaming API (CometD): any batch of Bayeux messages, valid client ids among them, on
// any /cometd path, gets Bayeux replies (failures as "code::message"), never a 5xx; afterwards an
// unmodified jsforce subscriber still receives change events.
import fc from 'fast-check';
import { Connection } from 'jsforce';
import { startTestOrg, type TestOrg } from './support.ts';
import { expectHandled, send } from './fuzz-http.ts';
import { connectClient, waitFor } from '../src/streaming/test-harness.ts';

const META = ['/meta/handshake', '/meta/connect', '/meta/subscribe', '/meta/unsubscribe', '/meta/disconnect'];
const CHANNELS = ['/data/ChangeEvents', '/data/OpportunityChangeEvent', '/data/NopeChangeEvent', '/topic/x', '/', ''];
/** Stands for the client id of a real handshake, made just before the batch is sent. */
const LIVE = '<live client>';

const odd = fc.jsonValue({ maxDepth: 1 });
const oneOf = <T>(usual: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: usual }, odd);

const message = fc.record(
  {
    channel: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...META) }, fc.constantFrom(...CHANNELS), odd),
    id: oneOf(fc.nat().map(String)),
    clientId: oneOf(fc.constant(LIVE)),
    subscription: oneOf(fc.constantFrom(...CHANNELS)),
    connectionType: oneOf(fc.constant('long-polling')),
    supportedConnectionTypes: oneOf(fc.constant(['long-polling'])),
    version: oneOf(fc.constant('1.0')),
    advice: oneOf(fc.constant({ timeout: 0 })),
    ext: oneOf(
      fc.record({ replay: fc.dictionary(fc.constantFrom(...CHANNELS), fc.oneof(fc.constantFrom(-1, -2, 1), odd)) }),
    ),
    data: odd,
  },
  { requiredKeys: ['channel'] },
);

/** A Bayeux failure as Salesforce words it: "403::Unknown client", "400::The replayId {...}...". */
const BAYEUX_ERROR = /^\d{3}:[^:]*:./;

function expectBayeuxReplies(body: unknown, request: unknown): void {
  const ok =
    Array.isArray(body) &&
    body.every((reply: Record<string, unknown>) => {
      if (reply === null || typeof reply !== 'object' || typeof reply.channel !== 'string') return false;
      if (!reply.channel.startsWith('/meta/') && 'data' in reply) return true; // an event delivery
      return reply.successful === true || (reply.successful === false && BAYEUX_ERROR.test(String(reply.error)));
    });
  if (!ok) throw new Error(`not Bayeux replies: ${JSON.stringify(body).slice(0, 400)}\nfor ${JSON.stringify(request)}`);
}

describe('CometD endpoint under fuzzing', () => {
  // Each property makes a few hundred requests: seconds on a busy CI machine.
  jest.setTimeout(30_000);

  let org: TestOrg;
  let conn: Connection;

  beforeAll(async () => {
    org = await startTestOrg({ streaming: { longPollTimeoutMs: 100 } });
    conn = new Connection({ loginUrl: org.emulator.url, version: '66.0' });
    await conn.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: org.assertion() });
  });

  afterAll(() => org.emulator.close());

  const handshake = async (): Promise<string> => {
    const response = await send(org.emulator.url, {
      method: 'POST',
      path: '/cometd/66.0',
      headers: { 'content-type': 'application/json', authorization: `OAuth ${conn.accessToken}` },
      body: JSON.stringify([
        { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] },
      ]),
    });
    return (response.json as { clientId: string }[])[0].clientId;
  };

  it('answers any batch of Bayeux messages with Bayeux replies, then still streams to jsforce', async () => {
    const batch = fc.oneof(fc.array(message, { minLength: 1, maxLength: 3 }), message, odd);
    const path = fc.oneof(
      { weight: 6, arbitrary: fc.constant('/cometd/66.0') },
      fc.constantFrom('/cometd', '/cometd/36.0', '/cometd/66.0/meta/connect', '/cometd/abc', '/cometd/99.0'),
    );
    const auth = fc.oneof(
      { weight: 6, arbitrary: fc.constant(`OAuth ${conn.accessToken}`) },
      fc.constantFrom(undefined, 'OAuth nope', `Bearer ${conn.accessToken}`, 'OAuth'),
    );
    const encoding = fc.constantFrom('json', 'json', 'json', 'form', 'junk');
    await fc.assert(
      fc.asyncProperty(batch, path, auth, encoding, fc.string(), async (messages, p, authorization, how, junk) => {
        const live = await handshake();
        const text = JSON.stringify(messages).replaceAll(JSON.stringify(LIVE), JSON.stringify(live));
        const body = how === 'json' ? text : how === 'form' ? String(new URLSearchParams({ message: text })) : junk;
        const type = how === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
        const headers: Record<string, string> = { 'content-type': type };
        if (authorization) headers.authorization = authorization;
        const response = await send(org.emulator.url, { method: 'POST', path: p, headers, body });
        const request = { p, how, body: body.slice(0, 400) };
        expectHandled(response, request);
        expect([200, 400]).toContain(response.status);
        expectBayeuxReplies(response.json, request);
      }),
      { seed: 0xc0de, numRuns: 300 },
    );

    const subscriber = connectClient(org.emulator.url, '/data/OpportunityChangeEvent', -1, conn.accessToken!);
    expect(await subscriber.subscribed).toBeNull();
    const [deal] = (await conn.query<{ Id: string }>('SELECT Id FROM Opportunity LIMIT 1')).records;
    await conn.sobject('Opportunity').update({ Id: deal.Id, Amount: 424242 });
    await waitFor(() => subscriber.received.length > 0, 5_000, 'the change event');
    expect(subscriber.received[0].payload).toMatchObject({ Amount: 424242 });
    await subscriber.disconnect();
  });
});
