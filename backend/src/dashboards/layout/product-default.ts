import type { DashboardLayoutDto } from '../dto/dashboard-layout.dto';
import { CURRENT_SCHEMA_VERSION } from './schema-version';

/**
 * What everyone sees until they, or a manager above them, save something: headline figures,
 * then pipeline and forecast, then the deals needing attention. Widget ids are fixed so a user
 * who starts from this layout keeps the same widgets (and their ids) in their own copy.
 */
export const PRODUCT_DEFAULT_LAYOUT: DashboardLayoutDto = {
  schemaVersion: CURRENT_SCHEMA_VERSION,
  widgets: [
    widget('0a1b2c3d-0001-4000-8000-000000000001', 'kpiTiles', 1, 1, 12, 2),
    widget('0a1b2c3d-0002-4000-8000-000000000002', 'pipelineByStage', 3, 1, 6, 4),
    widget('0a1b2c3d-0003-4000-8000-000000000003', 'forecastVsQuota', 3, 7, 6, 4),
    widget('0a1b2c3d-0004-4000-8000-000000000004', 'bookingsTrend', 7, 1, 8, 4, { period: 'this_year' }),
    widget('0a1b2c3d-0005-4000-8000-000000000005', 'coldDeals', 7, 9, 4, 4),
    widget('0a1b2c3d-0006-4000-8000-000000000006', 'topOpportunities', 11, 1, 12, 5),
    widget('0a1b2c3d-0007-4000-8000-000000000007', 'pipelineMovement', 16, 1, 6, 4),
    widget('0a1b2c3d-0008-4000-8000-000000000008', 'activityLeaderboard', 16, 7, 6, 4),
  ],
};

function widget(
  id: string,
  type: DashboardLayoutDto['widgets'][number]['type'],
  row: number,
  column: number,
  columns: number,
  rows: number,
  filters?: { period: 'this_year' },
): DashboardLayoutDto['widgets'][number] {
  return { id, type, position: { row, column }, size: { columns, rows }, settings: filters ? { filters } : {} };
}
