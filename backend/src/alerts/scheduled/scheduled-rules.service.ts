import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RoleHierarchyService } from '../../access/role-hierarchy.service';
import { AlertMetrics } from '../alert-metrics';
import { Audience } from '../audience';
import { writeOutbox } from '../outbox/outbox-writer';
import { RecordLinks } from '../record-links';
import { SCHEDULED_RULES, type ScheduledRuleKind } from '../rule-kinds';
import { SubscriptionStore } from '../subscriptions/subscription-store';
import { ForecastRiskRule } from './forecast-risk.rule';
import { NoActivityRule } from './no-activity.rule';
import type { ScheduledRule } from './scheduled-alert';
import { SyncUnhealthyRule } from './sync-unhealthy.rule';

export interface ScheduledRun {
  subscriptions: number;
  /** Alerts new in the outbox (those already there from an earlier run are not counted). */
  written: number;
  failed: number;
}

/** Runs the time-based rules for every active subscription; one failing subscription does not stop the others. */
@Injectable()
export class ScheduledRulesService {
  private readonly logger = new Logger(ScheduledRulesService.name);
  private readonly rules: Record<ScheduledRuleKind, ScheduledRule>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: SubscriptionStore,
    private readonly hierarchy: RoleHierarchyService,
    private readonly links: RecordLinks,
    private readonly metrics: AlertMetrics,
    noActivity: NoActivityRule,
    forecastRisk: ForecastRiskRule,
    syncUnhealthy: SyncUnhealthyRule,
  ) {
    this.rules = { no_activity: noActivity, forecast_risk: forecastRisk, sync_unhealthy: syncUnhealthy };
  }

  async runOnce(now = new Date()): Promise<ScheduledRun> {
    const subscriptions = await this.store.active(SCHEDULED_RULES);
    const result: ScheduledRun = { subscriptions: subscriptions.length, written: 0, failed: 0 };
    if (subscriptions.length === 0) return result;
    const hierarchy = await this.hierarchy.current();
    const audience = new Audience(hierarchy);
    const instanceUrl = await this.links.instanceUrl();
    const today = now.toISOString().slice(0, 10);
    const shared = new Map<string, Promise<unknown>>();
    const once = <T>(key: string, compute: () => Promise<T>): Promise<T> => {
      if (!shared.has(key)) shared.set(key, compute());
      return shared.get(key) as Promise<T>;
    };
    for (const subscription of subscriptions) {
      const owners = audience.owners(subscription);
      if (!owners) continue; // the subscriber is no longer an active user
      try {
        const rule = this.rules[subscription.ruleKind as ScheduledRuleKind];
        const alerts = await rule.evaluate({ subscription, owners, hierarchy, now, today, instanceUrl, once });
        const kinds = await this.db.transaction((tx) => writeOutbox(tx, alerts));
        this.metrics.count(kinds);
        result.written += kinds.length;
      } catch (error) {
        result.failed++;
        this.metrics.evaluationErrors.inc({ source: 'schedule' });
        this.logger.error(
          `${subscription.ruleKind} for subscription ${subscription.id} failed: ${(error as Error).message}`,
        );
      }
    }
    if (result.written > 0) this.logger.log(`Time-based alert rules wrote ${result.written} alert(s)`);
    return result;
  }
}
