import { checkLayout, readLayout } from './check-layout';
import { PRODUCT_DEFAULT_LAYOUT } from './product-default';

const id = (n: number) => `6f1c2a9e-5b7d-4e8f-9a0b-${String(n).padStart(12, '0')}`;
const widget = (n: number, over: Record<string, unknown> = {}) => ({
  id: id(n),
  type: 'pipelineByStage',
  position: { row: 1 + n * 4, column: 1 },
  size: { columns: 6, rows: 4 },
  ...over,
});
const problems = (plain: unknown) => checkLayout(plain).problems;

describe('layout documents', () => {
  it('accepts the product default, as written and as read back', () => {
    expect(problems(JSON.parse(JSON.stringify(PRODUCT_DEFAULT_LAYOUT)))).toEqual([]);
    expect(readLayout(JSON.parse(JSON.stringify(PRODUCT_DEFAULT_LAYOUT))).problems).toEqual([]);
  });

  it('names the path of every problem, array indexes in brackets', () => {
    const bad = widget(1, {
      id: 'x',
      size: { columns: 13, rows: 0 },
      settings: { filters: { period: 'soon', ownerId: 5 }, extra: 1 },
    });
    expect(problems({ schemaVersion: 1, widgets: [widget(0), bad] })).toEqual([
      'widgets[1].id must be a UUID',
      'widgets[1].size.columns must not be greater than 12',
      'widgets[1].size.rows must not be less than 1',
      'property widgets[1].settings.extra should not exist',
      expect.stringMatching(/^widgets\[1\]\.settings\.filters\.period must be one of this_quarter, /),
      'widgets[1].settings.filters.ownerId must be a Salesforce User Id',
    ]);
  });

  it('says a value of the wrong type once, not once per rule it then fails', () => {
    expect(problems({ schemaVersion: 1, widgets: 'all' })).toEqual(['widgets must be an array']);
    expect(problems({ schemaVersion: 1, widgets: [1, widget(1, { position: { row: 'a', column: 1 } })] })).toEqual([
      'widgets[0] must be an object',
      'widgets[1].position.row must be an integer number',
    ]);
    expect(problems([])).toEqual(['the document must be a JSON object']);
  });

  it('keeps widgets inside the grid, apart, and with distinct ids', () => {
    const layout = {
      schemaVersion: 1,
      widgets: [
        widget(0),
        widget(1, { id: id(0), position: { row: 5, column: 8 } }),
        widget(2, { position: { row: 2, column: 3 } }),
      ],
    };
    expect(problems(layout)).toEqual([
      `widgets[1].id duplicates widgets[0].id (${id(0)})`,
      'widgets[1].size.columns: 6 columns from column 8 run past column 12',
      'widgets[2] overlaps widgets[0] on the grid',
    ]);
  });

  it('refuses filters on a widget that reads no deals', () => {
    const sync = widget(0, { type: 'syncHealth', settings: { filters: { period: 'this_year' } } });
    expect(problems({ schemaVersion: 1, widgets: [sync] })).toEqual([
      'widgets[0].settings.filters: syncHealth widgets take no filters',
    ]);
  });

  it('reads a stored document only at a version it knows', () => {
    expect(readLayout({ schemaVersion: 2, widgets: [] }).problems).toEqual([
      'it uses schemaVersion 2, newer than this server reads (1)',
    ]);
    expect(readLayout('{}').problems).toEqual(['it is not a JSON object']);
  });
});
