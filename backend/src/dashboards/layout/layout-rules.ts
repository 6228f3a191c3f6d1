import type { DashboardLayoutDto } from '../dto/dashboard-layout.dto';
import type { WidgetDto } from '../dto/widget.dto';
import { GRID_COLUMNS, UNFILTERED_WIDGETS } from './widget-types';

/**
 * What a well-formed layout must also be, across its widgets: ids unique, every widget inside
 * the 12 columns, none overlapping another, filters only on widgets that read deals.
 */
export function layoutProblems(layout: DashboardLayoutDto): string[] {
  const problems: string[] = [];
  const firstWithId = new Map<string, number>();
  layout.widgets.forEach((widget, i) => {
    const earlier = firstWithId.get(widget.id.toLowerCase());
    if (earlier !== undefined) problems.push(`widgets[${i}].id duplicates widgets[${earlier}].id (${widget.id})`);
    else firstWithId.set(widget.id.toLowerCase(), i);

    const lastColumn = widget.position.column + widget.size.columns - 1;
    if (lastColumn > GRID_COLUMNS)
      problems.push(
        `widgets[${i}].size.columns: ${widget.size.columns} columns from column ${widget.position.column} run past column ${GRID_COLUMNS}`,
      );

    const other = layout.widgets.findIndex((w, j) => j < i && overlap(w, widget));
    if (other >= 0) problems.push(`widgets[${i}] overlaps widgets[${other}] on the grid`);

    problems.push(...settingsProblems(widget, `widgets[${i}].settings.`));
  });
  return problems;
}

/** Settings that make no sense for the widget's type; `path` leads to them (`widgets[2].settings.`). */
export function settingsProblems(widget: Pick<WidgetDto, 'type' | 'settings'>, path: string): string[] {
  if (widget.settings?.filters && UNFILTERED_WIDGETS.includes(widget.type))
    return [`${path}filters: ${widget.type} widgets take no filters`];
  return [];
}

function overlap(a: WidgetDto, b: WidgetDto): boolean {
  const apart = (start1: number, length1: number, start2: number, length2: number) =>
    start1 + length1 <= start2 || start2 + length2 <= start1;
  return !(
    apart(a.position.column, a.size.columns, b.position.column, b.size.columns) ||
    apart(a.position.row, a.size.rows, b.position.row, b.size.rows)
  );
}

/** Widgets in reading order: top to bottom, then left to right (how a phone stacks them, too). */
export function inReadingOrder(layout: DashboardLayoutDto): DashboardLayoutDto {
  const widgets = [...layout.widgets].sort(
    (a, b) => a.position.row - b.position.row || a.position.column - b.position.column,
  );
  return { schemaVersion: layout.schemaVersion, widgets };
}
