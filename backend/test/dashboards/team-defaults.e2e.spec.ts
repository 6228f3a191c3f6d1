// Team defaults through the whole backend: who may publish (managers for their role and below,
// admins anywhere, reps nowhere), who sees what (own > nearest team default up the hierarchy >
// product default), and GET/PUT/DELETE /api/dashboards/team/:roleId with their preconditions.
import { startStack, type Stack } from '../support/stack';
import { client, layout, widget } from './dashboard-client';

jest.setTimeout(30_000);

const USERS = ['dana.whitfield', 'marco.alvarez', 'priya.natarajan', 'ana.souza', 'ben.carter', 'david.osei'] as const;
type User = (typeof USERS)[number];

describe('team defaults (/api/dashboards/team/:roleId)', () => {
  let stack: Stack;
  let api: ReturnType<typeof client>;
  const tokens = {} as Record<User | 'admin', string>;
  const roles: Record<string, string> = {};
  const team = (roleName: string) => `/api/dashboards/team/${roles[roleName]}`;
  const seen = async (user: User) => (await api.call('GET', '/api/dashboards/me', { token: tokens[user] })).body;
  const westLayout = layout(widget({ type: 'pipelineByStage', columns: 12 }));
  const vpLayout = layout(widget({ type: 'forecastVsQuota', columns: 12 }), widget({ type: 'kpiTiles', row: 4 }));

  beforeAll(async () => {
    stack = await startStack();
    api = client(stack);
    for (const user of USERS) tokens[user] = await api.token(user);
    tokens.admin = await stack.userToken('integration@pulse.demo', { viewAll: true });
    for (const name of ['CEO', 'VP Sales', 'West Sales Manager', 'West Sales Rep', 'East Sales Manager'])
      roles[name] = await api.roleId(name);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('refuses to let a rep publish, even for their own role (403)', async () => {
    for (const role of ['West Sales Rep', 'West Sales Manager']) {
      const answer = await api.call('PUT', team(role), { token: tokens['ana.souza'], body: westLayout });
      expect(answer.status).toBe(403);
      expect(answer.body.message).toBe(
        'Only managers (users with roles below theirs) and admins publish team defaults',
      );
    }
    expect((await api.call('DELETE', team('West Sales Manager'), { token: tokens['ana.souza'] })).status).toBe(403);
  });

  it('refuses a manager publishing outside their own role and those below it (403)', async () => {
    for (const role of ['East Sales Manager', 'VP Sales', 'CEO']) {
      const answer = await api.call('PUT', team(role), { token: tokens['marco.alvarez'], body: westLayout });
      expect(answer.status).toBe(403);
      expect(answer.body.message).toMatch(/only for your own role and the roles below it/);
    }
  });

  it('refuses a default for a role with no role below it: it would apply to nobody (400)', async () => {
    const answer = await api.call('PUT', team('West Sales Rep'), { token: tokens['marco.alvarez'], body: westLayout });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe(
      'roleId: no role is below West Sales Rep, so a team default there would apply to nobody',
    );
  });

  it('shows a manager’s default to the reps below them, not to another branch nor to the manager', async () => {
    const published = await api.call('PUT', team('West Sales Manager'), {
      token: tokens['marco.alvarez'],
      body: westLayout,
    });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      source: 'team',
      role: { id: roles['West Sales Manager'], name: 'West Sales Manager' },
      layout: westLayout,
      version: 1,
      updatedBy: { name: 'Marco Alvarez' },
      etag: `"team.${roles['West Sales Manager']}.1"`,
    });

    for (const rep of ['ana.souza', 'ben.carter'] as const) {
      const shown = await seen(rep);
      expect(shown).toMatchObject({ source: 'team', role: { name: 'West Sales Manager' }, layout: westLayout });
      expect(shown.etag).toBe(published.body.etag);
    }
    for (const other of ['david.osei', 'priya.natarajan', 'marco.alvarez', 'dana.whitfield'] as const)
      expect((await seen(other)).source).toBe('product');
  });

  it('gives each user the nearest default above their role', async () => {
    const vp = await api.call('PUT', team('VP Sales'), { token: tokens['dana.whitfield'], body: vpLayout });
    expect(vp.status).toBe(200);
    // West reps keep their manager's (nearer); everyone else below the VP gets the VP's.
    expect(await seen('ana.souza')).toMatchObject({ source: 'team', layout: westLayout });
    for (const user of ['david.osei', 'priya.natarajan', 'marco.alvarez'] as const)
      expect(await seen(user)).toMatchObject({ source: 'team', role: { name: 'VP Sales' }, layout: vpLayout });
    expect((await seen('dana.whitfield')).source).toBe('product');
  });

  it('puts a user’s own layout before any team default, and their default back after DELETE', async () => {
    const own = layout(widget({ type: 'coldDeals' }));
    expect((await api.call('PUT', '/api/dashboards/me', { token: tokens['ana.souza'], body: own })).status).toBe(200);
    expect(await seen('ana.souza')).toMatchObject({ source: 'user', layout: own });
    const reset = await api.call('DELETE', '/api/dashboards/me', { token: tokens['ana.souza'] });
    expect(reset.body).toMatchObject({ source: 'team', role: { name: 'West Sales Manager' }, layout: westLayout });
  });

  it('lets an admin publish for any role', async () => {
    const ceo = await api.call('PUT', team('CEO'), { token: tokens.admin, body: westLayout });
    expect(ceo.status).toBe(200);
    expect((await seen('dana.whitfield')).role).toEqual({ id: roles.CEO, name: 'CEO' });
    expect((await api.call('DELETE', team('CEO'), { token: tokens.admin })).status).toBe(204);
    expect((await seen('dana.whitfield')).source).toBe('product');
  });

  it('lets a default be read by those it applies to and those who may publish it', async () => {
    for (const user of ['ana.souza', 'marco.alvarez', 'dana.whitfield'] as const) {
      const answer = await api.call('GET', team('West Sales Manager'), { token: tokens[user] });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ source: 'team', layout: westLayout });
      expect(answer.headers.get('etag')).toBe(answer.body.etag);
    }
    for (const user of ['david.osei', 'priya.natarajan'] as const)
      expect((await api.call('GET', team('West Sales Manager'), { token: tokens[user] })).status).toBe(403);
    expect((await api.call('GET', team('East Sales Manager'), { token: tokens.admin })).status).toBe(404);
  });

  it('addresses a role by its 15-character Id too, and refuses what is not a role', async () => {
    const short = `/api/dashboards/team/${roles['West Sales Manager'].slice(0, 15)}`;
    expect((await api.call('GET', short, { token: tokens['ana.souza'] })).body.role.id).toBe(
      roles['West Sales Manager'],
    );
    const bad = await api.call('GET', '/api/dashboards/team/not-a-role', { token: tokens.admin });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(['roleId must be a Salesforce UserRole Id']);
    const unknown = await api.call('GET', '/api/dashboards/team/00E000000000000AAA', { token: tokens.admin });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('roleId 00E000000000000AAA is not a role in the org');
  });

  it('publishes conditionally: If-Match must be current, If-None-Match * needs nothing published (412)', async () => {
    const path = team('West Sales Manager');
    const { body: current } = await api.call('GET', path, { token: tokens['marco.alvarez'] });
    const put = (headers: Record<string, string>) =>
      api.call('PUT', path, { token: tokens['marco.alvarez'], body: westLayout, headers });
    expect((await put({ 'if-none-match': '*' })).status).toBe(412);
    expect((await put({ 'if-match': current.etag })).status).toBe(200);
    expect((await put({ 'if-match': current.etag })).status).toBe(412);
    const east = await api.call('PUT', team('East Sales Manager'), {
      token: tokens['priya.natarajan'],
      body: westLayout,
      headers: { 'if-match': '*' },
    });
    expect(east.status).toBe(412); // nothing published there yet
    const created = await api.call('PUT', team('East Sales Manager'), {
      token: tokens['priya.natarajan'],
      body: westLayout,
      headers: { 'if-none-match': '*' },
    });
    expect(created.status).toBe(200);
    expect((await seen('david.osei')).role.name).toBe('East Sales Manager');
  });

  it('refuses a default pinned to one owner (400) but takes one filtered by team', async () => {
    const anaId = await api.userId('ana.souza');
    const pinned = layout(widget({ settings: { filters: { ownerId: anaId } } }));
    const answer = await api.call('PUT', team('West Sales Manager'), { token: tokens['marco.alvarez'], body: pinned });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toEqual([
      'widgets[0].settings.filters.ownerId: a team default is shared by the whole team; filter by teamRoleId instead',
    ]);
    const byTeam = layout(widget({ settings: { filters: { teamRoleId: roles['West Sales Manager'] } } }));
    const ok = await api.call('PUT', team('West Sales Manager'), { token: tokens['marco.alvarez'], body: byTeam });
    expect(ok.status).toBe(200);
  });

  it('withdraws a default: the team falls back to the next one up, then to the product’s', async () => {
    const path = team('West Sales Manager');
    const stale = await api.call('DELETE', path, { token: tokens['marco.alvarez'], headers: { 'if-match': '"x"' } });
    expect(stale.status).toBe(412);
    expect((await api.call('DELETE', path, { token: tokens['marco.alvarez'] })).status).toBe(204);
    expect((await api.call('DELETE', path, { token: tokens['marco.alvarez'] })).status).toBe(404);
    expect(await seen('ana.souza')).toMatchObject({ source: 'team', role: { name: 'VP Sales' }, layout: vpLayout });
    expect((await api.call('DELETE', team('VP Sales'), { token: tokens['dana.whitfield'] })).status).toBe(204);
    expect((await seen('ana.souza')).source).toBe('product');
    expect(await api.row('team', roles['VP Sales'])).toBeUndefined();
  });
});
