// The one-line answer to "can I trust the numbers?", from facts the status API gathers. Reasons
// make the mirror untrustworthy (it is incomplete or may be behind now); notes are worth knowing
// but leave it trustworthy (drift that reconciliation already repaired, errors since recovered).

export interface ObjectFacts {
  sobject: string;
  mode: 'stream' | 'poll';
  /** As the status shows it: pending, loading, resyncing, error, or what keeps it current (streaming, polling). */
  state: string;
  lastError: string | null;
  lastPolledAt: Date | null;
  lastReconciliation: { finishedAt: Date; repaired: number; error: string | null } | null;
}

export interface TrustFacts {
  /** The coordinator's state in this process. */
  syncState: string;
  /** Whether any instance holds the sync lock (leads). */
  leaderHeld: boolean;
  syncError: string | null;
  objects: ObjectFacts[];
  pollIntervalSeconds: number;
  reconcileIntervalMinutes: number;
  /** sync_error rows in the last hour. */
  recentErrors: number;
  now: Date;
}

export interface TrustVerdict {
  trustworthy: boolean;
  verdict: string;
  reasons: string[];
  notes: string[];
}

/** Process states in which the mirror is being kept current. */
const CURRENT_STATES = new Set(['streaming', 'standby']);
const OBJECT_NOT_READY: Record<string, string> = {
  pending: 'has not been loaded yet',
  loading: 'is loading',
  resyncing: 'is being resynchronised',
  error: 'failed',
};

const ago = (from: Date, now: Date): string => {
  const s = Math.round((now.getTime() - from.getTime()) / 1000);
  return s < 120 ? `${s} s ago` : s < 7200 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
};

export function judgeTrust(facts: TrustFacts): TrustVerdict {
  const { now } = facts;
  const reasons: string[] = [];
  const notes: string[] = [];

  if (!CURRENT_STATES.has(facts.syncState))
    reasons.push(`the sync is ${facts.syncState}${facts.syncError ? ` (${facts.syncError})` : ''}`);
  else if (!facts.leaderHeld) reasons.push('no instance holds the sync lock: nothing keeps the mirror current');

  const stalePollMs = Math.max(3 * facts.pollIntervalSeconds, facts.pollIntervalSeconds + 60) * 1000;
  const overdueReconcileMs = 3 * facts.reconcileIntervalMinutes * 60_000;
  for (const o of facts.objects) {
    const notReady = OBJECT_NOT_READY[o.state];
    if (notReady) reasons.push(`${o.sobject} ${notReady}${o.lastError ? `: ${o.lastError}` : ''}`);
    else if (o.lastError) reasons.push(`${o.sobject}: ${o.lastError}`);
    if (o.mode === 'poll' && !notReady) {
      if (!o.lastPolledAt) reasons.push(`${o.sobject} has not been polled yet`);
      else if (now.getTime() - o.lastPolledAt.getTime() > stalePollMs)
        reasons.push(
          `${o.sobject} was last polled ${ago(o.lastPolledAt, now)} (every ${facts.pollIntervalSeconds} s expected)`,
        );
    }
    const r = o.lastReconciliation;
    if (r?.error) reasons.push(`the last reconciliation of ${o.sobject} failed: ${r.error}`);
    else if (r && overdueReconcileMs > 0 && now.getTime() - r.finishedAt.getTime() > overdueReconcileMs)
      reasons.push(`${o.sobject} was last reconciled ${ago(r.finishedAt, now)}`);
    else if (r && r.repaired > 0)
      notes.push(`reconciliation repaired ${r.repaired} drifted row(s) of ${o.sobject} ${ago(r.finishedAt, now)}`);
  }
  if (facts.recentErrors > 0) notes.push(`${facts.recentErrors} sync error(s) in the last hour`);

  const trustworthy = reasons.length === 0;
  const verdict = trustworthy
    ? `Trustworthy: every object is loaded and kept current${notes.length ? ` (note: ${notes.join('; ')})` : ''}.`
    : `Not trustworthy now: ${reasons.join('; ')}.`;
  return { trustworthy, verdict, reasons, notes };
}
