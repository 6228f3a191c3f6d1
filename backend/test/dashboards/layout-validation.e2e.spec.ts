// What a layout must be, through the whole backend: every rule answers 400 with the path of the
// problem, filters are checked as the analytics endpoints check them, schema versions are refused
// on write and survived on read, and the OpenAPI document describes the schema.
import { WIDGET_TYPES } from '../../src/dashboards/layout/widget-types';
import { startStack, type Stack } from '../support/stack';
import { client, layout, widget } from './dashboard-client';

jest.setTimeout(30_000);

describe('dashboard layout validation and schema versions', () => {
  let stack: Stack;
  let api: ReturnType<typeof client>;
  let ana: string;
  let marco: string;
  const me = '/api/dashboards/me';
  const put = (body: unknown, token = ana) => api.call('PUT', me, { token, body });

  beforeAll(async () => {
    stack = await startStack();
    api = client(stack);
    [ana, marco] = await Promise.all([api.token('ana.souza'), api.token('marco.alvarez')]);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  const w = widget();
  const cases: [string, unknown, string[]][] = [
    ['not an object', [w], ['the document must be a JSON object']],
    ['no schemaVersion', { widgets: [] }, ['schemaVersion is required (this server writes version 1)']],
    ['no widgets', { schemaVersion: 1 }, ['widgets must be an array']],
    ['an unknown property', { ...layout(), theme: 'dark' }, ['property theme should not exist']],
    ['a widget that is not an object', layout(w, 7), ['widgets[1] must be an object']],
    [
      'an unknown widget type',
      layout({ ...w, type: 'pieChart' }),
      [`widgets[0].type must be one of ${WIDGET_TYPES.join(', ')}`],
    ],
    ['a widget id that is not a UUID', layout({ ...w, id: 'w1' }), ['widgets[0].id must be a UUID']],
    [
      'no position',
      layout({ ...w, position: undefined }),
      ['widgets[0].position must be an object such as { "row": 1, "column": 1 }'],
    ],
    [
      'a row below 1',
      layout({ ...w, position: { row: 0, column: 1 } }),
      ['widgets[0].position.row must not be less than 1'],
    ],
    [
      'a column past 12',
      layout({ ...w, position: { row: 1, column: 13 } }),
      ['widgets[0].position.column must not be greater than 12'],
    ],
    [
      'a fractional size',
      layout({ ...w, size: { columns: 2.5, rows: 3 } }),
      ['widgets[0].size.columns must be an integer number'],
    ],
    [
      'too wide',
      layout({ ...w, size: { columns: 13, rows: 3 } }),
      ['widgets[0].size.columns must not be greater than 12'],
    ],
    [
      'too tall',
      layout({ ...w, size: { columns: 3, rows: 13 } }),
      ['widgets[0].size.rows must not be greater than 12'],
    ],
    [
      'a size in words',
      layout({ ...w, size: 'large' }),
      ['widgets[0].size must be an object such as { "columns": 6, "rows": 4 }'],
    ],
    [
      'an unknown size field',
      layout({ ...w, size: { columns: 3, rows: 3, depth: 1 } }),
      ['property widgets[0].size.depth should not exist'],
    ],
    ['settings not an object', layout({ ...w, settings: [] }), ['widgets[0].settings must be an object']],
    [
      'a title too long',
      layout({ ...w, settings: { title: 'x'.repeat(81) } }),
      ['widgets[0].settings.title must be shorter than or equal to 80 characters'],
    ],
    [
      'an unknown setting',
      layout({ ...w, settings: { colour: 'red' } }),
      ['property widgets[0].settings.colour should not exist'],
    ],
    [
      'bad filters',
      layout(
        widget(),
        widget({
          row: 5,
          settings: { filters: { period: 'soon', from: '2026-13-01', accountSize: 'huge', ownerId: 'me', color: 1 } },
        }),
      ),
      [
        'property widgets[1].settings.filters.color should not exist',
        'widgets[1].settings.filters.period must be one of this_quarter, last_quarter, next_quarter, this_year, last_year, next_year, custom',
        'widgets[1].settings.filters.from must be a date such as 2026-10-01',
        'widgets[1].settings.filters.ownerId must be a Salesforce User Id',
        'widgets[1].settings.filters.accountSize must be one of small, mid, enterprise',
      ],
    ],
    [
      'filters on the sync health widget',
      layout(widget({ type: 'syncHealth', settings: { filters: {} } })),
      ['widgets[0].settings.filters: syncHealth widgets take no filters'],
    ],
    [
      'a widget running off the grid',
      layout(widget({ column: 10, columns: 4 })),
      ['widgets[0].size.columns: 4 columns from column 10 run past column 12'],
    ],
    [
      'overlapping widgets',
      layout(widget({ columns: 6 }), widget({ column: 6, row: 3 })),
      ['widgets[1] overlaps widgets[0] on the grid'],
    ],
    [
      'a repeated widget id',
      layout(w, { ...w, position: { row: 9, column: 1 } }),
      [`widgets[1].id duplicates widgets[0].id (${w.id})`],
    ],
  ];

  it.each(cases)('answers 400 naming the path for %s', async (_name, body, messages) => {
    const answer = await put(body);
    expect(answer.status).toBe(400);
    expect([...answer.body.message].sort()).toEqual([...messages].sort());
  });

  it('answers 400 to a body that is not JSON, or not sent as JSON', async () => {
    const broken = await api.call('PUT', me, { token: ana, body: '{"schemaVersion": 1,' });
    expect(broken.status).toBe(400);
    const text = await api.call('PUT', me, {
      token: ana,
      body: JSON.stringify(layout()),
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(400);
    expect(text.body.message).toEqual(['the document must be a JSON object']);
  });

  it('checks filters as the analytics endpoints do, naming the widget', async () => {
    const filtered = (filters: object) => layout(widget({ settings: { filters } }));
    const path = 'widgets[0].settings.filters';
    expect((await put(filtered({ period: 'custom', from: '2026-01-01' }))).body.message).toEqual([
      `${path}: period=custom needs both from and to`,
    ]);
    expect((await put(filtered({ period: 'this_quarter', to: '2026-01-01' }))).body.message).toEqual([
      `${path}: from and to are only allowed with period=custom`,
    ]);
    const unknownRole = await put(filtered({ teamRoleId: '00E000000000000AAA' }));
    expect(unknownRole.status).toBe(400);
    expect(unknownRole.body.message).toEqual([`${path}: teamRoleId 00E000000000000AAA is not a role in the org`]);
    expect((await put(filtered({ period: 'custom', from: '2026-01-01', to: '2026-03-31' }))).status).toBe(200);
  });

  it('lets a widget follow only an owner whose deals the author can see (403 otherwise)', async () => {
    const [anaId, davidId] = await Promise.all([api.userId('ana.souza'), api.userId('david.osei')]);
    const pinned = (ownerId: string) => layout(widget({ settings: { filters: { ownerId } } }));
    const other = await put(pinned(davidId));
    expect(other.status).toBe(403);
    expect(other.body.message).toEqual([
      `widgets[0].settings.filters: ownerId ${davidId} is not a user whose deals you can see`,
    ]);
    expect((await put(pinned(anaId))).status).toBe(200);
    expect((await put(pinned(anaId), marco)).status).toBe(200); // Ana is on Marco's team
  });

  it('validates PATCH bodies and ids with paths of their own', async () => {
    const sync = widget({ type: 'syncHealth' });
    const chart = widget({ row: 4 });
    await put(layout(sync, chart));
    const patch = (id: string, body: unknown) => api.call('PATCH', `${me}/widgets/${id}`, { token: ana, body });
    const badId = await patch('w1', { title: 'x' });
    expect(badId.status).toBe(400);
    expect(badId.body.message).toEqual(['widgetId must be a UUID']);
    expect((await patch(chart.id, { filters: { period: 'soon' }, colour: 1 })).body.message.sort()).toEqual([
      expect.stringMatching(/^filters\.period must be one of /),
      'property colour should not exist',
    ]);
    expect((await patch(sync.id, { filters: { period: 'this_year' } })).body.message).toEqual([
      'filters: syncHealth widgets take no filters',
    ]);
    expect((await patch(chart.id, { filters: { period: 'custom' } })).body.message).toEqual([
      'filters: period=custom needs both from and to',
    ]);
  });

  it('refuses to write any schemaVersion but the current one (400)', async () => {
    for (const schemaVersion of [2, 0, '1', 1.5, null]) {
      const answer = await put({ schemaVersion, widgets: [] });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toEqual([
        `schemaVersion ${JSON.stringify(schemaVersion)} is not supported: this server writes version 1`,
      ]);
    }
  });

  it('passes over stored layouts it cannot read, says why, and still lets them be replaced', async () => {
    const [chloe, chloeId, westRole, marcoId] = await Promise.all([
      api.token('chloe.kim'),
      api.userId('chloe.kim'),
      api.roleId('West Sales Manager'),
      api.userId('marco.alvarez'),
    ]);
    // As a later release (then rolled back) would have left them: a newer schema, a retired widget type.
    const future = { schemaVersion: 2, panels: [{ kind: 'pipelineByStage' }] };
    const retired = layout({ ...widget(), type: 'quotaGauge' });
    await api
      .db()
      .query(
        `INSERT INTO dashboard_layout (kind, owner_id, document, updated_by) VALUES ('user', $1, $2, $1), ('team', $3, $4, $5)`,
        [chloeId, JSON.stringify(future), westRole, JSON.stringify(retired), marcoId],
      );

    const shown = await api.call('GET', me, { token: chloe });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      source: 'product',
      etag: '"user.1"', // the stored layout's: a write with If-Match replaces it
      notices: [
        'Your saved layout is not shown: it uses schemaVersion 2, newer than this server reads (1)',
        `The team default of West Sales Manager is not shown: widgets[0].type must be one of ${WIDGET_TYPES.join(', ')}`,
      ],
    });
    const team = await api.call('GET', `/api/dashboards/team/${westRole}`, { token: marco });
    expect(team.body).toMatchObject({
      source: 'product',
      role: { id: westRole, name: 'West Sales Manager' },
      etag: `"team.${westRole}.1"`,
      notices: [expect.stringMatching(/^The published team default is not shown: widgets\[0\]\.type must be one of /)],
    });

    const replaced = await api.call('PUT', me, { token: chloe, body: layout(), headers: { 'if-match': '"user.1"' } });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ source: 'user', version: 2, notices: [] });
  });

  it('describes the layout schema in the OpenAPI document', async () => {
    const { body: docs } = await stack.api('/docs-json');
    const schemas = docs.components.schemas;
    expect(schemas.DashboardLayoutDto.properties.widgets).toMatchObject({ type: 'array', maxItems: 24 });
    expect(schemas.WidgetDto.properties.type.enum).toEqual([...WIDGET_TYPES]);
    expect(schemas.WidgetSizeDto.properties.columns).toMatchObject({ minimum: 1, maximum: 12 });
    expect(schemas.DashboardLayoutDto.required).toEqual(['schemaVersion', 'widgets']);
    expect(schemas.WidgetDto.required).toEqual(['id', 'type', 'position', 'size']);
    expect(schemas.WidgetSettingsDto.properties.filters.allOf).toEqual([
      { $ref: '#/components/schemas/AnalyticsFiltersDto' },
    ]);
    expect(Object.keys(docs.paths['/api/dashboards/me']).sort()).toEqual(['delete', 'get', 'put']);
    expect(Object.keys(docs.paths['/api/dashboards/team/{roleId}']).sort()).toEqual(['delete', 'get', 'put']);
    expect(docs.paths['/api/dashboards/me'].put.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/DashboardLayoutDto',
    );
    expect(docs.paths['/api/dashboards/me/widgets/{widgetId}'].patch.responses['412']).toBeDefined();
  });
});
