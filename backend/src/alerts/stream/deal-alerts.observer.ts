import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RoleHierarchyService } from '../../access/role-hierarchy.service';
import { PulseConfig } from '../../config/pulse-config';
import type { ApplyObserver } from '../../sync/stream/apply-observer';
import type { FoldedBatch, FoldedChange } from '../../sync/stream/change-fold';
import { AlertMetrics } from '../alert-metrics';
import { Audience } from '../audience';
import { writeOutbox, type OutboxAlert } from '../outbox/outbox-writer';
import { RecordLinks } from '../record-links';
import { ActiveSubscriptions } from '../subscriptions/active-subscriptions';
import type { Subscription } from '../subscriptions/subscription';
import { dealMessage } from './deal-messages';
import { accountNames, dealsBefore, stageInfo } from './deal-rows';
import { dealAfter, mayFire, type DealState } from './deal-state';
import { dealTransitions, type DealTransition } from './deal-transitions';

/** Errors after which the whole batch must be retried (connection, deadlock): alerts are retried with it. */
const RETRY_CLASSES = new Set(['08', '40', '53', '57', '58']);
const mustRetry = (error: unknown): boolean => {
  const code =
    (error as { code?: unknown })?.code ?? (error as { driverError?: { code?: unknown } })?.driverError?.code;
  return typeof code === 'string' && RETRY_CLASSES.has(code.slice(0, 2));
};

interface Fired {
  deal: DealState;
  change: FoldedChange;
  transition: DealTransition;
  subscription: Subscription;
}

/**
 * The stream rules, inside the transaction that applies each batch: for every opportunity change
 * that may fire one, compares the mirrored row before the write with the change, and writes the
 * alerts to the outbox under the same commit as the change and its replayId. Costs nothing when
 * nobody subscribes or the batch holds no opportunity change.
 */
@Injectable()
export class DealAlertsObserver implements ApplyObserver {
  readonly name = 'deal alerts';
  private readonly logger = new Logger(DealAlertsObserver.name);

  constructor(
    private readonly subscriptions: ActiveSubscriptions,
    private readonly hierarchy: RoleHierarchyService,
    private readonly links: RecordLinks,
    private readonly config: PulseConfig,
    private readonly metrics: AlertMetrics,
  ) {}

  async beforeApply(tx: EntityManager, batch: FoldedBatch): Promise<void> {
    const changes = batch.objects.get('Opportunity')?.records;
    if (!changes || changes.size === 0) return;
    const subscriptions = await this.subscriptions.streamRules();
    if (subscriptions.length === 0) return;
    const candidates = [...changes].filter(([, change]) => mayFire(change));
    if (candidates.length === 0) return;
    // A failure of the rules must not hold up the sync: their writes are undone, the batch goes on.
    await tx.query('SAVEPOINT pulse_alerts');
    try {
      const kinds = await writeOutbox(tx, await this.evaluate(tx, batch, candidates, subscriptions));
      await tx.query('RELEASE SAVEPOINT pulse_alerts');
      this.metrics.count(kinds);
    } catch (error) {
      if (mustRetry(error)) throw error;
      await tx.query('ROLLBACK TO SAVEPOINT pulse_alerts');
      this.metrics.evaluationErrors.inc({ source: 'stream' });
      this.logger.error(`Deal alerts for ${candidates.length} change(s) not written: ${(error as Error).message}`);
    }
  }

  private async evaluate(
    tx: EntityManager,
    batch: FoldedBatch,
    candidates: [string, FoldedChange][],
    subscriptions: readonly Subscription[],
  ): Promise<OutboxAlert[]> {
    const [before, stages, hierarchy] = await Promise.all([
      dealsBefore(
        tx,
        batch,
        candidates.map(([id]) => id),
      ),
      stageInfo(tx),
      this.hierarchy.current(),
    ]);
    const audience = new Audience(hierarchy);
    const fired: Fired[] = [];
    for (const [id, change] of candidates) {
      const was = before.get(id) ?? null;
      // The mirror already holds a newer version: the write will skip this change, and so do the rules.
      if (was && was.stampMs! > change.commitTimestamp) continue;
      const deal = dealAfter(id, was, change, stages);
      if (!deal) continue;
      for (const transition of dealTransitions(was, deal, stages, this.config.fiscalYearStartMonth))
        for (const subscription of audience.recipients(subscriptions, transition.kind, deal.ownerId, deal.amount))
          fired.push({ deal, change, transition, subscription });
    }
    if (fired.length === 0) return [];
    const accounts = await accountNames(tx, [...new Set(fired.map((f) => f.deal.accountId).filter((a) => a !== null))]);
    const base = await this.links.instanceUrl();
    return fired.map(({ deal, change, transition: t, subscription: s }) => {
      const names = {
        account: deal.accountId ? (accounts.get(deal.accountId) ?? null) : null,
        owner: audience.ownerName(deal.ownerId),
      };
      const { title, body } = dealMessage(t, deal, names, this.config.currency);
      return {
        // The change's identity: a replay of it (after a crash) finds the row already there.
        dedupKey: `${t.kind}:${s.id}:${deal.id}:${change.commitTimestamp}.${change.commitNumber}`,
        userId: s.userId,
        subscriptionId: s.id,
        ruleKind: t.kind,
        sobject: 'Opportunity',
        recordId: deal.id,
        title,
        body,
        link: base ? `${base}/${deal.id}` : null,
        payload: {
          recordName: deal.name,
          accountId: deal.accountId,
          accountName: names.account,
          ownerId: deal.ownerId,
          ownerName: names.owner,
          amount: deal.amount,
          currency: this.config.currency,
          stageName: deal.stageName,
          closeDate: deal.closeDate,
          change: { field: t.field, from: t.from, to: t.to, fromPeriod: t.fromPeriod, toPeriod: t.toPeriod },
          committedAt: new Date(change.commitTimestamp).toISOString(),
          scope: s.scope,
        },
      };
    });
  }
}
