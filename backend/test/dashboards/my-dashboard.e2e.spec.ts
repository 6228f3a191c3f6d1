// GET/PUT/PATCH/DELETE /api/dashboards/me through the whole backend: the round trip, what is
// stored, conditional writes (ETag / If-Match -> 412), and the size limits.
import { PRODUCT_DEFAULT_LAYOUT } from '../../src/dashboards/layout/product-default';
import { startStack, type Stack } from '../support/stack';
import { client, layout, widget } from './dashboard-client';

jest.setTimeout(30_000);

describe('my dashboard (GET/PUT/PATCH/DELETE /api/dashboards/me)', () => {
  let stack: Stack;
  let api: ReturnType<typeof client>;
  let ana: string;
  let anaId: string;
  let ben: string;
  const me = '/api/dashboards/me';

  beforeAll(async () => {
    stack = await startStack();
    api = client(stack);
    [ana, ben, anaId] = await Promise.all([api.token('ana.souza'), api.token('ben.carter'), api.userId('ana.souza')]);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('refuses requests without a user token (401)', async () => {
    expect((await api.call('GET', me)).status).toBe(401);
    expect((await api.call('PUT', me, { body: layout() })).status).toBe(401);
  });

  it('shows the product default to a user who saved nothing, and says so', async () => {
    const { status, body, headers } = await api.call('GET', me, { token: ana });
    expect(status).toBe(200);
    expect(body).toEqual({
      source: 'product',
      role: null,
      layout: JSON.parse(JSON.stringify(PRODUCT_DEFAULT_LAYOUT)),
      version: null,
      updatedAt: null,
      updatedBy: null,
      etag: expect.stringMatching(/^"product\.[0-9a-f]{12}"$/),
      notices: [],
    });
    expect(headers.get('etag')).toBe(body.etag);
    expect(headers.get('cache-control')).toBe('private, no-cache');
  });

  it('saves, answers and stores a layout, widgets in reading order', async () => {
    const lower = widget({ type: 'coldDeals', row: 4, column: 1, columns: 12, rows: 2 });
    const right = widget({ type: 'kpiTiles', row: 1, column: 7, columns: 6, rows: 3, settings: { title: 'Mine' } });
    const left = widget({ row: 1, column: 1, columns: 6, settings: { filters: { period: 'next_quarter' } } });
    const put = await api.call('PUT', me, { token: ana, body: layout(lower, right, left) });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      source: 'user',
      role: null,
      layout: { schemaVersion: 1, widgets: [left, right, lower] },
      version: 1,
      updatedBy: { id: anaId, name: 'Ana Souza' },
      etag: '"user.1"',
      notices: [],
    });
    expect(put.headers.get('etag')).toBe('"user.1"');

    // Read back through the API and straight from the table.
    const get = await api.call('GET', me, { token: ana });
    expect(get.body).toEqual(put.body);
    expect(Date.parse(get.body.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await api.row('user', anaId)).toEqual({
      document: layout(left, right, lower),
      version: 1,
      updatedBy: anaId,
    });

    // Another user still sees the product default.
    expect((await api.call('GET', me, { token: ben })).body.source).toBe('product');
  });

  it('answers 304 to a GET whose If-None-Match is current', async () => {
    const { headers } = await api.call('GET', me, { token: ana });
    const again = await api.call('GET', me, { token: ana, headers: { 'if-none-match': headers.get('etag')! } });
    expect(again.status).toBe(304);
    const stale = await api.call('GET', me, { token: ana, headers: { 'if-none-match': '"user.0"' } });
    expect(stale.status).toBe(200);
  });

  it('writes with If-Match only while the ETag is current: otherwise 412, nothing changed', async () => {
    const { body: before } = await api.call('GET', me, { token: ana });
    const next = layout(widget({ type: 'bookingsTrend', columns: 12 }));
    const ok = await api.call('PUT', me, { token: ana, body: next, headers: { 'if-match': before.etag } });
    expect(ok.status).toBe(200);
    expect(ok.body.etag).toBe(`"user.${before.version + 1}"`);

    const stale = await api.call('PUT', me, { token: ana, body: layout(), headers: { 'if-match': before.etag } });
    expect(stale.status).toBe(412);
    expect(stale.body.message).toMatch(/changed since you read it/);
    expect((await api.row('user', anaId))?.document).toEqual(next);

    const any = await api.call('PUT', me, { token: ana, body: next, headers: { 'if-match': '*' } });
    expect(any.status).toBe(200);
  });

  it('lets exactly one of two racing conditional writes win', async () => {
    const { body: before } = await api.call('GET', me, { token: ana });
    const write = (type: string) =>
      api.call('PUT', me, { token: ana, body: layout(widget({ type })), headers: { 'if-match': before.etag } });
    const answers = await Promise.all([write('kpiTiles'), write('coldDeals'), write('syncHealth')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412, 412]);
    const winner = answers.find((a) => a.status === 200)!;
    expect(await api.row('user', anaId)).toMatchObject({ version: before.version + 1, document: winner.body.layout });
  });

  it('changes one widget’s settings with PATCH, keeping the rest', async () => {
    const keep = widget({ type: 'kpiTiles', settings: { title: 'Stays' } });
    const change = widget({ row: 4, settings: { title: 'Old', filters: { period: 'this_year' } } });
    const { body: saved } = await api.call('PUT', me, { token: ana, body: layout(keep, change) });

    const patch = await api.call('PATCH', `${me}/widgets/${change.id}`, {
      token: ana,
      body: { filters: { period: 'last_quarter', industry: 'Technology' } },
      headers: { 'if-match': saved.etag },
    });
    expect(patch.status).toBe(200);
    expect(patch.body.layout.widgets).toEqual([
      keep,
      { ...change, settings: { title: 'Old', filters: { period: 'last_quarter', industry: 'Technology' } } },
    ]);
    expect((await api.row('user', anaId))?.document).toEqual(patch.body.layout);

    const stale = await api.call('PATCH', `${me}/widgets/${change.id}`, {
      token: ana,
      body: { title: 'Late' },
      headers: { 'if-match': saved.etag },
    });
    expect(stale.status).toBe(412);
    const missing = await api.call('PATCH', `${me}/widgets/${PRODUCT_DEFAULT_LAYOUT.widgets[0].id}`, {
      token: ana,
      body: { title: 'x' },
    });
    expect(missing.status).toBe(404);
  });

  it('starts an own copy when PATCH changes a widget of the default', async () => {
    const target = PRODUCT_DEFAULT_LAYOUT.widgets[1];
    const { status, body } = await api.call('PATCH', `${me}/widgets/${target.id}`, {
      token: ben,
      body: { title: 'My stages' },
    });
    expect(status).toBe(200);
    expect(body.source).toBe('user');
    const expected = JSON.parse(JSON.stringify(PRODUCT_DEFAULT_LAYOUT));
    expected.widgets[1].settings = { title: 'My stages' };
    expect(body.layout).toEqual(expected);
  });

  it('goes back to the default on DELETE, conditionally with If-Match', async () => {
    const { body: current } = await api.call('GET', me, { token: ana });
    const stale = await api.call('DELETE', me, { token: ana, headers: { 'if-match': '"user.1"' } });
    expect(stale.status).toBe(412);
    expect(await api.row('user', anaId)).toBeDefined();

    const reset = await api.call('DELETE', me, { token: ana, headers: { 'if-match': current.etag } });
    expect(reset.status).toBe(200);
    expect(reset.body.source).toBe('product');
    expect(await api.row('user', anaId)).toBeUndefined();
    // Idempotent: nothing left to delete is still the default.
    expect((await api.call('DELETE', me, { token: ana })).body.source).toBe('product');
  });

  it('takes the default’s ETag as If-Match for a first save, and refuses a stale one', async () => {
    const { body: shown } = await api.call('GET', me, { token: ana });
    const wrong = await api.call('PUT', me, { token: ana, body: layout(), headers: { 'if-match': '"user.7"' } });
    expect(wrong.status).toBe(412);
    const first = await api.call('PUT', me, { token: ana, body: layout(), headers: { 'if-match': shown.etag } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ source: 'user', layout: layout(), version: 1 });
  });

  it('limits a dashboard to 24 widgets (400) and a request body to 64 KiB (413)', async () => {
    const many = Array.from({ length: 25 }, (_, i) => widget({ row: 1 + i, columns: 1, rows: 1 }));
    const tooMany = await api.call('PUT', me, { token: ana, body: layout(...many) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toEqual(['widgets: a dashboard holds at most 24 widgets (got 25)']);
    expect((await api.call('PUT', me, { token: ana, body: layout(...many.slice(0, 24)) })).status).toBe(200);

    const padded = JSON.stringify(layout(widget())).replace('{', `{${' '.repeat(70_000)}`);
    const big = await api.call('PUT', me, { token: ana, body: padded });
    expect(big.status).toBe(413);
    expect(big.body.message).toMatch(/at most 65536/);
  });

  it('refuses a layout over 32 KiB as stored (413)', async () => {
    // Control characters are escaped six bytes each in JSON: valid strings, a large document.
    const industry = '\u0001'.repeat(255);
    const widgets = Array.from({ length: 24 }, (_, i) =>
      widget({ row: 1 + i, columns: 1, rows: 1, settings: { filters: { industry } } }),
    );
    const body = JSON.stringify(layout(...widgets));
    expect(body.length).toBeGreaterThan(32 * 1024);
    const answer = await api.call('PUT', me, { token: ana, body });
    expect(answer.status).toBe(413);
    expect(answer.body.message).toMatch(/^The layout is \d+ bytes; a dashboard layout may be at most 32768$/);
  });
});
