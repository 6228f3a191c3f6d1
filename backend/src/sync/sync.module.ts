import { Module } from '@nestjs/common';
import { SalesforceModule } from '../salesforce/salesforce.module';
import { objectLoaderProvider } from './load/load.module';
import { OBJECT_LOADER } from './load/object-loader';
import { MirrorEvents } from './mirror-events.service';
import { LEADER_WORK } from './poll/leader-work';
import { LEADER_WORK_PROVIDERS } from './poll/leader-work.providers';
import { SyncMetrics } from './status/sync-metrics';
import { SyncStatusService } from './status/sync-status.service';
import { SYNC_STATUS_CONTROLLERS, SYNC_STATUS_PROVIDERS } from './status/sync-status.providers';
import { SyncService } from './sync.service';

/**
 * The sync: the coordinator and its stream (SyncService), the loader, polling and reconciliation
 * (leader work), the status API and metrics, and the change announcements live widgets follow.
 */
@Module({
  imports: [SalesforceModule],
  providers: [SyncService, MirrorEvents, objectLoaderProvider, ...LEADER_WORK_PROVIDERS, ...SYNC_STATUS_PROVIDERS],
  controllers: [...SYNC_STATUS_CONTROLLERS],
  exports: [SyncService, SyncStatusService, MirrorEvents, SyncMetrics, LEADER_WORK, OBJECT_LOADER],
})
export class SyncModule {}
