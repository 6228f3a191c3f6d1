import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Subscription as RxSubscription } from 'rxjs';
import { SyncStatusService } from '../../sync/status/sync-status.service';
import { SyncService } from '../../sync/sync.service';
import type { OutboxAlert } from '../outbox/outbox-writer';
import { resolveParams } from '../rule-kinds';
import type { RuleRun, ScheduledRule } from './scheduled-alert';
import { syncProblems } from './sync-problems';

/**
 * sync_unhealthy, for admins: the status API's verdict (loading, resync running, errors, no
 * leader...), recent sync errors, and how late changes are applied. Runs on the leader, which
 * alone knows of a resync in progress and applies the changes whose lag it measures.
 */
@Injectable()
export class SyncUnhealthyRule implements ScheduledRule, OnModuleDestroy {
  private applyLagMs: number | null = null;
  private readonly batches: RxSubscription;

  constructor(
    sync: SyncService,
    private readonly status: SyncStatusService,
  ) {
    this.batches = sync.batches.subscribe((b) => {
      if (b.mode !== 'buffer' && b.lastCommitTimestamp !== null)
        this.applyLagMs = Math.max(0, Date.now() - b.lastCommitTimestamp);
    });
  }

  onModuleDestroy(): void {
    this.batches.unsubscribe();
  }

  async evaluate(run: RuleRun): Promise<OutboxAlert[]> {
    const { subscription: s } = run;
    const maxLagSeconds = resolveParams('sync_unhealthy', s.params).maxLagSeconds!;
    // One status read per run, however many admins subscribe.
    const status = await run.once('sync-status', () => this.status.status());
    const problems = syncProblems(status, this.applyLagMs, maxLagSeconds, run.now);
    if (problems.keys.length === 0) return [];
    const keys = [...problems.keys].sort();
    return [
      {
        dedupKey: `sync_unhealthy:${s.id}:${run.today}:${keys.join(',')}`,
        userId: s.userId,
        subscriptionId: s.id,
        ruleKind: 'sync_unhealthy',
        sobject: null,
        recordId: null,
        title: `Pulse sync unhealthy: ${keys.join(', ')}`,
        body: `The dashboards' numbers may be incomplete or behind: ${problems.lines.join('; ')}. Details: GET /api/sync/status.`,
        link: null,
        payload: { problems: keys, details: problems.lines, applyLagMs: this.applyLagMs, maxLagSeconds },
      },
    ];
  }
}
