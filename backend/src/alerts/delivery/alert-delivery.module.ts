import { Module, type OnModuleInit } from '@nestjs/common';
import { SalesforceModule } from '../../salesforce/salesforce.module';
import { SyncModule } from '../../sync/sync.module';
import { SyncService } from '../../sync/sync.service';
import { DeliveryScheduler } from './delivery-scheduler';
import { DELIVERY_PROVIDERS } from './delivery.providers';
import { AlertPreferencesController } from './preferences/alert-preferences.controller';
import { DeliveryStatusController } from './status/delivery-status.controller';
import { DeliveryStatusService } from './status/delivery-status.service';
import { AlertPreferencesService } from './preferences/alert-preferences.service';

/**
 * Alert delivery: the outbox worker (leader only, like polling), e-mail and Salesforce in-app
 * notifications, quiet hours and daily digests, and each user's preferences.
 */
@Module({
  imports: [SyncModule, SalesforceModule],
  providers: [...DELIVERY_PROVIDERS, DeliveryScheduler, DeliveryStatusService],
  controllers: [AlertPreferencesController, DeliveryStatusController],
  exports: [AlertPreferencesService],
})
export class AlertDeliveryModule implements OnModuleInit {
  constructor(
    private readonly sync: SyncService,
    private readonly scheduler: DeliveryScheduler,
  ) {}

  onModuleInit(): void {
    this.sync.registerLeaderWork(this.scheduler);
  }
}
