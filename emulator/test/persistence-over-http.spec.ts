// The org kept in a state file across a restart, as jsforce (REST and CometD) sees it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Connection } from 'jsforce';
import { bayeux, connectClient, waitFor, type TestClient } from '../src/streaming/test-harness.ts';
import { startTestOrg, type TestOrg } from './support.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const CHANNEL = '/data/OpportunityChangeEvent';
const HANDSHAKE = { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'], id: '1' };

async function handshake(url: string, token: string): Promise<string> {
  const { body } = await bayeux(url, [HANDSHAKE], { token });
  if (!body[0]?.clientId) throw new Error(`handshake failed: ${JSON.stringify(body)}`);
  return body[0].clientId;
}

async function login(org: TestOrg): Promise<Connection> {
  const conn = new Connection({ loginUrl: org.emulator.url, version: '66.0' });
  await conn.authorize({ grant_type: JWT_BEARER, assertion: org.assertion() });
  return conn;
}

describe('an org kept in a state file', () => {
  let dir: string;
  let file: string;
  const orgs: TestOrg[] = [];
  const clients: TestClient[] = [];
  const start = async () => {
    const org = await startTestOrg({ stateFile: file, demo: { seed: 5, opportunities: 100 } });
    orgs.push(org);
    return org;
  };
  const subscribe = (org: TestOrg, conn: Connection, replayId: number) => {
    const client = connectClient(org.emulator.url, CHANNEL, replayId, conn.accessToken!);
    clients.push(client);
    return client;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'org-restart-'));
    file = join(dir, 'org.ndjson.gz');
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.disconnect()));
    await Promise.all(orgs.splice(0).map((o) => o.emulator.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps records, ids and replayIds across a restart; sessions end', async () => {
    const first = await start();
    const conn = await login(first);
    const [deal] = (await conn.query<{ Id: string }>('SELECT Id FROM Opportunity WHERE IsClosed = false LIMIT 1'))
      .records;
    const listener = subscribe(first, conn, -1);
    await expect(listener.subscribed).resolves.toBeNull();
    await conn.sobject('Opportunity').update({ Id: deal.Id, Amount: 123_456 });
    await waitFor(() => listener.received.length === 1, 5_000, 'the first event');
    // The client stores this replayId; the next event happens while it is away.
    const stored = listener.received[0].event.replayId;
    await conn.sobject('Opportunity').update({ Id: deal.Id, StageName: 'Closed Won' });
    const created = await conn
      .sobject('Opportunity')
      .create({ Name: 'Before', StageName: 'Prospecting', CloseDate: '2027-01-31' });
    if (!created.success) throw new Error('create failed');
    await waitFor(() => listener.received.length === 3, 5_000, 'the events before the restart');
    const missed = listener.received.slice(1).map((d) => d.event.replayId);
    await Promise.all(clients.splice(0).map((c) => c.disconnect()));
    await orgs.pop()!.emulator.close();

    const second = await start();
    // Sessions are not kept: the old token is refused, as after a Salesforce session expiry.
    const stale = new Connection({ instanceUrl: second.emulator.url, accessToken: conn.accessToken!, version: '66.0' });
    await expect(stale.query('SELECT Id FROM Account')).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
    const again = await login(second);
    expect(await again.sobject('Opportunity').retrieve(deal.Id)).toMatchObject({
      Amount: 123_456,
      StageName: 'Closed Won',
      IsWon: true,
    });

    const resumed = subscribe(second, again, stored);
    await expect(resumed.subscribed).resolves.toBeNull();
    await waitFor(() => resumed.received.length === 2, 5_000, 'the events missed during the restart');
    expect(resumed.received.map((d) => d.event.replayId)).toEqual(missed);
    const after = await again
      .sobject('Opportunity')
      .create({ Name: 'After', StageName: 'Prospecting', CloseDate: '2027-02-28' });
    if (!after.success) throw new Error('create failed');
    await waitFor(() => resumed.received.length === 3, 5_000, 'the event after the restart');
    expect(resumed.received[2].event.replayId).toBeGreaterThan(missed[1]);
    expect(resumed.received[2].payload.ChangeEventHeader.commitNumber).toBeGreaterThan(
      resumed.received[1].payload.ChangeEventHeader.commitNumber,
    );
    // Ids carry on: the new record neither reuses an id nor sorts before the earlier one.
    expect(after.id).not.toBe(created.id);
    expect(after.id.slice(5, 15) > created.id.slice(5, 15)).toBe(true);
    expect(second.emulator.store.count('Opportunity')).toBe(first.emulator.store.count('Opportunity') + 1);
  });

  it('logs streaming clients out at a restart: unknown client, and the old token no longer handshakes', async () => {
    const first = await start();
    const oldToken = (await login(first)).accessToken!;
    const clientId = await handshake(first.emulator.url, oldToken);
    await orgs.pop()!.emulator.close();

    const second = await start();
    const handshakeAgain = await bayeux(second.emulator.url, [HANDSHAKE], { token: oldToken });
    expect(handshakeAgain.body[0]).toMatchObject({ successful: false, error: '403::Handshake denied' });
    const newToken = (await login(second)).accessToken!;
    const poll = await bayeux(
      second.emulator.url,
      [{ channel: '/meta/connect', clientId, connectionType: 'long-polling', id: '2' }],
      { token: newToken },
    );
    expect(poll.body[0]).toMatchObject({
      successful: false,
      error: '403::Unknown client',
      advice: { reconnect: 'handshake' },
    });
  });

  it('refuses to start on a corrupted file, naming the file and the line', async () => {
    const first = await start();
    await first.emulator.close();
    orgs.pop();
    const plain = join(dir, 'org.ndjson');
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    lines[7] = '{"Id": "006';
    writeFileSync(plain, lines.join('\n'));
    await expect(startTestOrg({ stateFile: plain })).rejects.toThrow(
      new RegExp(`^Cannot load the org state file ${plain}, line 8: not valid JSON`),
    );
  });
});
