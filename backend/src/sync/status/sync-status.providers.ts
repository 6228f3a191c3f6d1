// The status API, /metrics and what they read, for the sync module's providers and controllers.
import type { Provider, Type } from '@nestjs/common';
import { LoadProgressBoard } from './load-progress-board';
import { MetricsController } from './metrics.controller';
import { SyncMetrics } from './sync-metrics';
import { SyncStatusController } from './sync-status.controller';
import { SyncStatusService } from './sync-status.service';

export const SYNC_STATUS_PROVIDERS: Provider[] = [SyncMetrics, LoadProgressBoard, SyncStatusService];
export const SYNC_STATUS_CONTROLLERS: Type[] = [SyncStatusController, MetricsController];
