// sync_unhealthy as a pure function of the sync's status: what is wrong, each problem under a
// stable key (the dedup key is built from the keys, so a problem that lasts alerts once a day,
// and a new one alerts at once) and in words for the message.
import type { SyncStatusDto } from '../../sync/status/dto/sync-status.dto';

export interface SyncProblems {
  keys: string[];
  lines: string[];
}

/** Object states that mean the mirror is incomplete or behind right now. */
const BAD_OBJECT_STATES = new Set(['pending', 'loading', 'resyncing', 'error']);
const CURRENT_SYNC_STATES = new Set(['streaming', 'standby']);
const ERROR_WINDOW_MS = 3_600_000;

/**
 * `applyLagMs`: how late the last batch was applied after Salesforce committed it (not "now minus
 * the last change", which grows while the org is quiet and would page admins every night).
 */
export function syncProblems(
  status: Pick<SyncStatusDto, 'state' | 'reasons' | 'objects' | 'recentErrors'>,
  applyLagMs: number | null,
  maxLagSeconds: number,
  now: Date,
): SyncProblems {
  const keys: string[] = [];
  if (!CURRENT_SYNC_STATES.has(status.state)) keys.push(`sync:${status.state}`);
  for (const o of status.objects) if (BAD_OBJECT_STATES.has(o.state)) keys.push(`${o.sobject}:${o.state}`);
  // Anything else the trust verdict holds against the mirror (no leader, a stale poll, a failed reconciliation).
  if (status.reasons.length > 0 && keys.length === 0) keys.push('untrusted');
  const lines = [...status.reasons];

  if (applyLagMs !== null && applyLagMs > maxLagSeconds * 1000) {
    keys.push('lag');
    lines.push(
      `changes are applied ${Math.round(applyLagMs / 1000)} s after Salesforce commits them (your limit is ${maxLagSeconds} s)`,
    );
  }
  const recent = status.recentErrors.filter((e) => now.getTime() - Date.parse(e.occurredAt) < ERROR_WINDOW_MS);
  if (recent.length > 0) {
    keys.push('errors');
    lines.push(
      `${recent.length}${recent.length === status.recentErrors.length && recent.length >= 20 ? '+' : ''} sync error(s) in the last hour; the latest: ${recent[0].message}`,
    );
  }
  return { keys, lines };
}
