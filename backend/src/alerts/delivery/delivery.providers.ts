// Everything delivery needs, for the module and for tests that wire the worker without the sync
// coordinator (so they decide when a run happens and what time it is).
import type { Provider } from '@nestjs/common';
import { AlertSender } from './alert-sender';
import { EmailChannel } from './channels/email-channel';
import { SalesforceNotifications } from './channels/salesforce-notifications';
import { DeliveryClock } from './delivery-clock';
import { DeliveryDatabase } from './delivery-database';
import { DeliveryMetrics } from './delivery-metrics';
import { DeliveryWorker } from './delivery-worker';
import { DigestSender } from './digest/digest-sender';
import { AlertPreferencesService } from './preferences/alert-preferences.service';

export const DELIVERY_PROVIDERS: Provider[] = [
  DeliveryClock,
  DeliveryDatabase,
  DeliveryMetrics,
  EmailChannel,
  SalesforceNotifications,
  AlertSender,
  DigestSender,
  DeliveryWorker,
  AlertPreferencesService,
];
