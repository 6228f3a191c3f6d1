import { Module, type OnModuleInit } from '@nestjs/common';
import { SalesforceModule } from '../salesforce/salesforce.module';
import { SyncModule } from '../sync/sync.module';
import { SyncService } from '../sync/sync.service';
import { AlertMetrics } from './alert-metrics';
import { AlertFeedController } from './feed/alert-feed.controller';
import { AlertFeedService } from './feed/alert-feed.service';
import { RecordLinks } from './record-links';
import { AlertScheduler } from './scheduled/alert-scheduler';
import { ForecastRiskRule } from './scheduled/forecast-risk.rule';
import { NoActivityRule } from './scheduled/no-activity.rule';
import { ScheduledRulesService } from './scheduled/scheduled-rules.service';
import { SyncUnhealthyRule } from './scheduled/sync-unhealthy.rule';
import { DealAlertsObserver } from './stream/deal-alerts.observer';
import { ActiveSubscriptions } from './subscriptions/active-subscriptions';
import { SubscriptionStore } from './subscriptions/subscription-store';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { SubscriptionsService } from './subscriptions/subscriptions.service';

/**
 * Alert rules and subscriptions: the stream rules run inside the sync's apply transaction (an
 * ApplyObserver), the time-based ones as leader work; both write to alert_outbox, which delivery
 * (alerts/delivery) reads. The sync knows nothing of alerts: this module registers with it.
 */
@Module({
  imports: [SyncModule, SalesforceModule],
  providers: [
    AlertMetrics,
    RecordLinks,
    SubscriptionStore,
    ActiveSubscriptions,
    SubscriptionsService,
    AlertFeedService,
    DealAlertsObserver,
    NoActivityRule,
    ForecastRiskRule,
    SyncUnhealthyRule,
    ScheduledRulesService,
    AlertScheduler,
  ],
  controllers: [SubscriptionsController, AlertFeedController],
  exports: [ScheduledRulesService, SubscriptionStore],
})
export class AlertsModule implements OnModuleInit {
  constructor(
    private readonly sync: SyncService,
    private readonly deals: DealAlertsObserver,
    private readonly scheduler: AlertScheduler,
  ) {}

  onModuleInit(): void {
    this.sync.registerApplyObserver(this.deals);
    this.sync.registerLeaderWork(this.scheduler);
  }
}
