// The alerts API: subscriptions (validated, each person's own, scope and admin rules enforced) and
// the viewer's alert list (only theirs, newest first, paginated).
import { eventually } from '../support/eventually';
import { startAlertStack, type AlertStack } from './alert-stack';

jest.setTimeout(120_000);

const SUBSCRIPTIONS = '/api/alerts/subscriptions';

describe('alerts API', () => {
  let s: AlertStack;
  let ana: string;
  let marco: string;
  let dana: string;
  let admin: string;

  beforeAll(async () => {
    s = await startAlertStack();
    [ana, marco, dana] = await Promise.all([s.token('ana.souza'), s.token('marco.alvarez'), s.token('dana.whitfield')]);
    admin = await s.token('integration', { viewAll: true });
  }, 90_000);

  afterAll(async () => {
    await s?.close();
  });

  describe('subscriptions', () => {
    it('creates, lists, reads, changes and deletes the viewer’s own subscription', async () => {
      const created = await s.api('POST', SUBSCRIPTIONS, ana, { ruleKind: 'no_activity' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        ruleKind: 'no_activity',
        scope: 'self',
        params: { days: 14 },
        active: true,
      });
      const { id } = created.body;

      expect((await s.api('GET', SUBSCRIPTIONS, ana)).body.subscriptions).toEqual([created.body]);
      expect((await s.api('GET', `${SUBSCRIPTIONS}/${id}`, ana)).body).toEqual(created.body);
      const patched = await s.api('PATCH', `${SUBSCRIPTIONS}/${id}`, ana, { params: { days: 21 }, active: false });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ id, params: { days: 21 }, active: false });
      const stored = await s.stream.sql.query(`SELECT user_id, params, active FROM alert_subscription WHERE id = $1`, [
        id,
      ]);
      expect(stored.rows).toEqual([{ user_id: s.userId('ana.souza'), params: { days: 21 }, active: false }]);

      expect((await s.api('DELETE', `${SUBSCRIPTIONS}/${id}`, ana)).status).toBe(204);
      expect((await s.api('GET', `${SUBSCRIPTIONS}/${id}`, ana)).status).toBe(404);
      expect((await s.api('GET', SUBSCRIPTIONS, ana)).body.subscriptions).toEqual([]);
    });

    it('never shows or touches someone else’s subscription (404)', async () => {
      const { body } = await s.api('POST', SUBSCRIPTIONS, marco, { ruleKind: 'deal_won', scope: 'team' });
      expect((await s.api('GET', `${SUBSCRIPTIONS}/${body.id}`, ana)).status).toBe(404);
      expect((await s.api('PATCH', `${SUBSCRIPTIONS}/${body.id}`, ana, { active: false })).status).toBe(404);
      expect((await s.api('DELETE', `${SUBSCRIPTIONS}/${body.id}`, ana)).status).toBe(404);
      expect((await s.api('GET', SUBSCRIPTIONS, ana)).body.subscriptions).toEqual([]);
      expect((await s.api('GET', `${SUBSCRIPTIONS}/${body.id}`, marco)).body.active).toBe(true);
    });

    it('answers 401 without a token', async () => {
      const response = await fetch(`${await s.backend.app.getUrl()}${SUBSCRIPTIONS}`);
      expect(response.status).toBe(401);
    });

    it.each([
      [{}, 'ruleKind must be one of deal_won, deal_lost'],
      [{ ruleKind: 'deal_wonn' }, 'ruleKind must be one of'],
      [{ ruleKind: 'deal_won', scope: 'company' }, 'scope must be one of self, team'],
      [{ ruleKind: 'deal_won', params: { minAmount: -5 } }, 'params.minAmount must be 0 or more'],
      [{ ruleKind: 'deal_won', params: { minAmount: '100000' } }, 'params.minAmount must be a number'],
      [{ ruleKind: 'no_activity', params: { days: 0 } }, 'params.days must be between 1 and 365'],
      [{ ruleKind: 'no_activity', params: { days: 2.5 } }, 'params.days must be a whole number of days'],
      [{ ruleKind: 'forecast_risk', params: { minCoverage: 1000 } }, 'params.minCoverage must be between 0.1 and 100'],
      [{ ruleKind: 'deal_won', params: { days: 3 } }, 'params.days does not apply to deal_won (it takes minAmount)'],
      [
        { ruleKind: 'stage_moved_backwards', params: { minAmount: 1 } },
        'params.minAmount does not apply to stage_moved_backwards (it takes no parameters)',
      ],
      [{ ruleKind: 'deal_won', params: { threshold: 3 } }, 'params.property threshold should not exist'],
      [{ ruleKind: 'deal_won', params: 'big ones' }, 'params must be an object'],
      [{ ruleKind: 'deal_won', active: 'yes' }, 'active must be true or false'],
      [{ ruleKind: 'deal_won', userId: '005000000000001AAA' }, 'property userId should not exist'],
    ])('400 for %j, naming the field', async (body, message) => {
      const response = await s.api('POST', SUBSCRIPTIONS, ana, body);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.message)).toContain(message);
    });

    it('400 for an id that is not a number', async () => {
      const response = await s.api('GET', `${SUBSCRIPTIONS}/first`, ana);
      expect(response.status).toBe(400);
      expect(response.body.message).toBe('id must be a whole number');
      expect((await s.api('GET', `${SUBSCRIPTIONS}/99999999999999999999`, ana)).status).toBe(404);
    });

    it('scope team: 403 for someone with nobody below them, allowed for a manager', async () => {
      const rep = await s.api('POST', SUBSCRIPTIONS, ana, { ruleKind: 'deal_lost', scope: 'team' });
      expect(rep.status).toBe(403);
      expect(rep.body.message).toContain('scope team needs people below you in the role hierarchy');
      const manager = await s.api('POST', SUBSCRIPTIONS, dana, { ruleKind: 'deal_lost', scope: 'team' });
      expect(manager.status).toBe(201);
      // Nor can a rep turn a subscription of their own into a team one.
      const own = await s.api('POST', SUBSCRIPTIONS, ana, { ruleKind: 'deal_lost' });
      const patched = await s.api('PATCH', `${SUBSCRIPTIONS}/${own.body.id}`, ana, { scope: 'team' });
      expect(patched.status).toBe(403);
    });

    it('sync_unhealthy: admins only (403 otherwise), and only for themselves', async () => {
      const vp = await s.api('POST', SUBSCRIPTIONS, dana, { ruleKind: 'sync_unhealthy' });
      expect(vp.status).toBe(403);
      expect(vp.body.message).toBe('sync_unhealthy alerts are for admins (users who can view all data)');
      const team = await s.api('POST', SUBSCRIPTIONS, admin, { ruleKind: 'sync_unhealthy', scope: 'team' });
      expect(team.status).toBe(400);
      expect(team.body.message).toContain('scope must be self for sync_unhealthy');
      const ok = await s.api('POST', SUBSCRIPTIONS, admin, {
        ruleKind: 'sync_unhealthy',
        params: { maxLagSeconds: 60 },
      });
      expect(ok.status).toBe(201);
      expect(ok.body.params).toEqual({ maxLagSeconds: 60 });
    });
  });

  it('documents every route, with examples, in the OpenAPI document', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the OpenAPI document as JSON
    const doc: any = await (await fetch(`${await s.backend.app.getUrl()}/docs-json`)).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/alerts', SUBSCRIPTIONS, `${SUBSCRIPTIONS}/{id}`]),
    );
    expect(Object.keys(doc.paths[`${SUBSCRIPTIONS}/{id}`]).sort()).toEqual(['delete', 'get', 'patch']);
    const create = doc.components.schemas.CreateAlertSubscriptionDto;
    expect(create.required).toEqual(['ruleKind']);
    expect(create.properties.ruleKind.example).toBe('deal_won');
    expect(doc.components.schemas.AlertParamsDto.properties.minAmount.example).toBe(100000);
  });

  describe('GET /api/alerts', () => {
    it('lists the viewer’s alerts only, newest first, a page at a time', async () => {
      // Alerts as the rules write them: a real one from a won deal, and more written straight into the outbox.
      const won = await s.api('POST', SUBSCRIPTIONS, ana, { ruleKind: 'deal_won' });
      expect(won.status).toBe(201);
      const conn = await s.stream.org();
      const deal = [...s.stream.emulator.store.scan('Opportunity')].find(
        (o) => o.OwnerId === s.userId('ana.souza') && o.IsClosed !== true && o.IsDeleted !== true,
      )!;
      await conn.sobject('Opportunity').update({ Id: deal.Id, StageName: 'Closed Won' });
      const anaId = s.userId('ana.souza');
      await eventually(async () =>
        expect(await s.outbox('record_id = $1 AND user_id = $2', [deal.Id, anaId])).toHaveLength(1),
      );
      for (let i = 0; i < 4; i++)
        for (const user of ['ana.souza', 'ben.carter'])
          await s.stream.sql.query(
            `INSERT INTO alert_outbox (dedup_key, user_id, rule_kind, title, body) VALUES ($1, $2, 'no_activity', $3, 'b')`,
            [`test:${user}:${i}`, s.userId(user), `${user} ${i}`],
          );
      const expected = await s.outbox('user_id = $1', [anaId]);
      expect(expected).toHaveLength(5);

      const seen: number[] = [];
      let beforeId: number | null = null;
      do {
        const page = await s.api('GET', `/api/alerts?limit=2${beforeId ? `&beforeId=${beforeId}` : ''}`, ana);
        expect(page.status).toBe(200);
        expect(page.body.alerts.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.alerts.map((a: { id: number }) => a.id));
        beforeId = page.body.nextBeforeId;
      } while (beforeId !== null);
      expect(seen).toEqual(expected.map((r) => Number(r.id)).reverse());

      const first = (await s.api('GET', '/api/alerts?ruleKind=deal_won', ana)).body;
      expect(first.alerts).toHaveLength(1);
      expect(first.alerts[0]).toMatchObject({
        ruleKind: 'deal_won',
        sobject: 'Opportunity',
        recordId: deal.Id,
        link: `${s.stream.emulator.url}/${deal.Id}`,
        subscriptionId: won.body.id,
      });
      expect(first.alerts[0].title).toContain(deal.Name as string);
      expect(first.nextBeforeId).toBeNull();
      expect(typeof first.asOf).toBe('string');
      // Someone else's alerts are theirs alone.
      const ben = (await s.api('GET', '/api/alerts?limit=100', await s.token('ben.carter'))).body.alerts;
      expect(ben.map((a: { title: string }) => a.title)).toEqual([3, 2, 1, 0].map((i) => `ben.carter ${i}`));
    });

    it.each([
      ['limit=0', 'limit must be a whole number between 1 and 100'],
      ['limit=500', 'limit must be a whole number between 1 and 100'],
      ['limit=ten', 'limit must be a whole number between 1 and 100'],
      ['beforeId=-3', 'beforeId must be an alert id'],
      ['ruleKind=everything', 'ruleKind must be one of'],
      ['user=someone', 'property user should not exist'],
    ])('400 for ?%s', async (query, message) => {
      const response = await s.api('GET', `/api/alerts?${query}`, ana);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.message)).toContain(message);
    });
  });
});
