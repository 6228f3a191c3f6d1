// The thin slice end to end: the emulated org over HTTP -> jsforce -> PostgreSQL -> the API.
import type { SObjectRecord } from '@pulse/emulator';
import { DataSource } from 'typeorm';
import { eventually } from './support/eventually';
import { startStack, type Stack } from './support/stack';

/** What the org itself says, straight from the emulator's records: the test's source of truth. */
function orgTotals(stack: Stack): Map<string, { amount: number; count: number }> {
  const totals = new Map<string, { amount: number; count: number }>();
  for (const o of stack.emulator.store.scan('Opportunity') as Iterable<SObjectRecord>) {
    if (o.IsDeleted || o.IsClosed) continue;
    const t = totals.get(o.StageName as string) ?? { amount: 0, count: 0 };
    t.amount += (o.Amount as number | null) ?? 0;
    t.count += 1;
    totals.set(o.StageName as string, t);
  }
  return totals;
}

function apiTotals(body: { stages: { stageName: string; amount: number; count: number }[] }) {
  return new Map(
    body.stages.filter((s) => s.count > 0).map((s) => [s.stageName, { amount: s.amount, count: s.count }]),
  );
}

async function expectApiMatchesOrg(stack: Stack, token: string) {
  const { status, body } = await stack.api('/api/pipeline/by-stage', token);
  expect(status).toBe(200);
  expect(apiTotals(body)).toEqual(orgTotals(stack));
  return body;
}

describe('Opportunity mirror (emulator -> jsforce -> PostgreSQL -> API)', () => {
  let stack: Stack;
  let token: string;

  beforeAll(async () => {
    stack = await startStack();
    // The whole org's numbers: a viewer with Pulse_View_All_Data (Dana, a VP, sees only her branch).
    token = await stack.userToken(undefined, { viewAll: true });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('loads every opportunity and answers per-stage totals equal to the org', async () => {
    const body = await expectApiMatchesOrg(stack, token);
    const openStages = [...stack.emulator.store.scan('OpportunityStage')]
      .filter((s) => !s.IsClosed)
      .sort((a, b) => (a.SortOrder as number) - (b.SortOrder as number))
      .map((s) => s.ApiName);
    expect(body.stages.map((s: { stageName: string }) => s.stageName)).toEqual(openStages);
    expect(openStages).toHaveLength(8);
    expect(body.totals.count).toBeGreaterThan(50);
    expect(body.currencyIsoCode).toBe('USD');
    expect(Date.parse(body.asOf)).not.toBeNaN();
  });

  it('includes closed stages when asked', async () => {
    const { body } = await stack.api('/api/pipeline/by-stage?includeClosed=true', token);
    const won = body.stages.find((s: { stageName: string }) => s.stageName === 'Closed Won');
    expect(won).toMatchObject({ isClosed: true, isWon: true });
    expect(won.count).toBeGreaterThan(0);
  });

  it('applies a change made in the org to the row and the API answer', async () => {
    const conn = await stack.orgConnection();
    const [deal] = (
      await conn.query<{ Id: string; Amount: number }>(
        "SELECT Id, Amount FROM Opportunity WHERE StageName = 'Prospecting' LIMIT 1",
      )
    ).records;
    await conn.sobject('Opportunity').update({ Id: deal.Id, StageName: 'Negotiation/Review', Amount: 777_000 });

    const db = stack.app.get(DataSource);
    await eventually(async () => {
      const [row] = await db.query('SELECT stage_name, amount, probability FROM opportunity WHERE salesforce_id = $1', [
        deal.Id,
      ]);
      expect(row).toEqual({ stage_name: 'Negotiation/Review', amount: '777000.00', probability: '90.00' });
    });
    await eventually(() => expectApiMatchesOrg(stack, token));
  });

  it('applies creates and deletes', async () => {
    const conn = await stack.orgConnection();
    const created = await conn
      .sobject('Opportunity')
      .create({ Name: 'Brand new deal', StageName: 'Qualification', Amount: 12_345, CloseDate: '2026-12-31' });
    expect(created.success).toBe(true);
    const [victim] = (
      await conn.query<{ Id: string }>("SELECT Id FROM Opportunity WHERE StageName = 'Needs Analysis' LIMIT 1")
    ).records;
    await conn.sobject('Opportunity').destroy(victim.Id);

    const db = stack.app.get(DataSource);
    await eventually(async () => {
      const rows = await db.query(
        'SELECT salesforce_id, is_deleted FROM opportunity WHERE salesforce_id = ANY($1) ORDER BY is_deleted',
        [[created.id, victim.Id]],
      );
      expect(rows).toEqual([
        { salesforce_id: created.id, is_deleted: false },
        { salesforce_id: victim.Id, is_deleted: true },
      ]);
    });
    await eventually(() => expectApiMatchesOrg(stack, token));
  });

  it('resumes from the stored replayId after a restart, losing and double-counting nothing', async () => {
    const db = () => stack.app.get(DataSource);
    const [before] = await db().query('SELECT replay_id, loaded_at FROM sync_channel');
    await stack.stopBackend();

    // Changes made while the backend is down are waiting on the event bus.
    const conn = await stack.orgConnection();
    const open = (await conn.query<{ Id: string }>("SELECT Id FROM Opportunity WHERE StageName = 'Value Proposition'"))
      .records;
    for (const deal of open.slice(0, 3)) await conn.sobject('Opportunity').update({ Id: deal.Id, Amount: 1_000 });
    await conn
      .sobject('Opportunity')
      .create({ Name: 'Made while down', StageName: 'Prospecting', Amount: 5_000, CloseDate: '2027-01-15' });

    await stack.startBackend();
    await eventually(() => expectApiMatchesOrg(stack, token));
    const [after] = await db().query('SELECT replay_id, loaded_at FROM sync_channel');
    expect(Number(after.replay_id)).toBeGreaterThan(Number(before.replay_id));
    expect(after.loaded_at).toEqual(before.loaded_at); // resumed; no reload
  });

  it('reloads when the stored replayId has expired, dropping records hard-deleted meanwhile', async () => {
    const db = () => stack.app.get(DataSource);
    const [before] = await db().query('SELECT loaded_at FROM sync_channel');
    await stack.stopBackend();

    const conn = await stack.orgConnection();
    const [gone, changed] = (
      await conn.query<{ Id: string }>("SELECT Id FROM Opportunity WHERE StageName = 'Qualification' LIMIT 2")
    ).records;
    stack.emulator.store.purge('Opportunity', gone.Id); // emptied from the recycle bin: no event says so
    await conn.sobject('Opportunity').update({ Id: changed.Id, Amount: 2_000 });
    // Everything up to and past the stored position has aged out of the event bus.
    stack.emulator.streaming.expireReplayLogThrough(Math.max(...stack.emulator.streaming.retainedReplayIds));

    await stack.startBackend();
    await eventually(() => expectApiMatchesOrg(stack, token), 10_000);
    const [row] = await db().query('SELECT is_deleted FROM opportunity WHERE salesforce_id = $1', [gone.Id]);
    expect(row.is_deleted).toBe(true);
    const [after] = await db().query('SELECT loaded_at FROM sync_channel');
    expect(after.loaded_at.getTime()).toBeGreaterThan(before.loaded_at.getTime());
  });

  it('refuses requests without a valid user token', async () => {
    expect((await stack.api('/api/pipeline/by-stage')).status).toBe(401);
    expect((await stack.api('/api/pipeline/by-stage', 'not-a-jwt')).status).toBe(401);
    const [, payload] = token.split('.');
    const forged = `${token.split('.')[0]}.${payload}.${Buffer.from('forged').toString('base64url')}`;
    expect((await stack.api('/api/pipeline/by-stage', forged)).status).toBe(401);
    expect((await stack.api('/api/events')).status).toBe(401);
  });

  it('answers a bad query parameter with 400 saying what was wrong', async () => {
    const bad = await stack.api('/api/pipeline/by-stage?includeClosed=maybe', token);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('includeClosed must be true or false');
    const unknown = await stack.api('/api/pipeline/by-stage?stage=x', token);
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('property stage should not exist');
  });

  it('serves health and the OpenAPI document without a token', async () => {
    const health = await stack.api('/health');
    expect(health.status).toBe(200);
    expect(health.body.info.sync).toMatchObject({ status: 'up', state: 'streaming' });
    const docs = await stack.api('/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/pipeline/by-stage', '/api/events', '/health']),
    );
  });
});
