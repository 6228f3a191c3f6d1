/**
 * The widgets a dashboard can hold: those the product has and those it is building, so a layout
 * saved today keeps its place for a widget that ships tomorrow. Salesforce-facing names stay
 * camelCase as the LWC components are named.
 */
export const WIDGET_TYPES = [
  'pipelineByStage',
  'forecastVsQuota',
  'bookingsTrend',
  'kpiTiles',
  'topOpportunities',
  'pipelineMovement',
  'activityLeaderboard',
  'coldDeals',
  'syncHealth',
] as const;
export type WidgetType = (typeof WIDGET_TYPES)[number];

/** Widgets that show the sync, not deals: analytics filters would mean nothing to them. */
export const UNFILTERED_WIDGETS: readonly WidgetType[] = ['syncHealth'];

/** The grid: twelve columns like Lightning's, rows as tall as the dashboard needs. */
export const GRID_COLUMNS = 12;
export const MAX_WIDGET_ROWS = 12;
/** A widget may start at most this far down: 24 widgets of the tallest size, stacked. */
export const MAX_ROW = 24 * MAX_WIDGET_ROWS;
export const MAX_WIDGETS = 24;
/** Largest layout document stored (24 widgets with every filter and title filled is about 20 KiB). */
export const MAX_LAYOUT_BYTES = 32 * 1024;
