// Everything polling and reconciliation need, for the sync module's providers: the services, their
// schedulers, and the LEADER_WORK list the coordinator starts and stops with leadership.
import type { Provider } from '@nestjs/common';
import { ReconcileScheduler } from '../reconcile/reconcile-scheduler';
import { ReconciliationService } from '../reconcile/reconciliation.service';
import { LEADER_WORK, type LeaderWork } from './leader-work';
import { PollScheduler } from './poll-scheduler';
import { PollingService } from './polling.service';
import { SoqlFields } from './soql-fields.service';

export const LEADER_WORK_PROVIDERS: Provider[] = [
  SoqlFields,
  PollingService,
  PollScheduler,
  ReconciliationService,
  ReconcileScheduler,
  {
    provide: LEADER_WORK,
    useFactory: (poll: PollScheduler, reconcile: ReconcileScheduler): LeaderWork[] => [poll, reconcile],
    inject: [PollScheduler, ReconcileScheduler],
  },
];
