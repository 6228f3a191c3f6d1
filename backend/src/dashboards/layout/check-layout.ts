import { DashboardLayoutDto } from '../dto/dashboard-layout.dto';
import { validateDocument, type Checked } from '../validation/validate-document';
import { layoutProblems } from './layout-rules';
import { upgradeLayout } from './schema-version';

/** A layout as written by a client: the current schema version, every rule met. */
export function checkLayout(plain: unknown): Checked<DashboardLayoutDto> {
  const checked = validateDocument(DashboardLayoutDto, plain);
  if (!checked.value) return checked;
  const problems = layoutProblems(checked.value);
  return problems.length > 0 ? { problems } : checked;
}

/**
 * A layout as stored: upgraded to the current version, then held to today's rules, since the
 * rules (a widget type retired, a limit lowered) may have changed since it was written.
 */
export function readLayout(stored: unknown): Checked<DashboardLayoutDto> {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored))
    return { problems: ['it is not a JSON object'] };
  const upgraded = upgradeLayout(stored as Record<string, unknown>);
  if (!upgraded.ok) return { problems: [upgraded.reason] };
  return checkLayout(upgraded.document);
}
