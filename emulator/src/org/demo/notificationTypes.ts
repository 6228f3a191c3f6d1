// The notification type Pulse's package deploys (force-app/.../Pulse_Alert.notiftype-meta.xml), as the
// demo org holds it once the package is installed. Idempotent: a restored org may predate it.
import type { OrgStore } from '../store.ts';
import { formatDateTime } from '../values.ts';

export const PULSE_ALERT_TYPE = 'Pulse_Alert';

/** Returns the Id of the Pulse_Alert CustomNotificationType, creating it when missing. */
export function ensurePulseNotificationType(store: OrgStore, adminUserId: string | null): string {
  for (const type of store.scan('CustomNotificationType')) if (type.DeveloperName === PULSE_ALERT_TYPE) return type.Id;
  const now = formatDateTime(store.clock());
  return store.seed('CustomNotificationType', {
    CustomNotifTypeName: 'Pulse Alert',
    DeveloperName: PULSE_ALERT_TYPE,
    MasterLabel: 'Pulse Alert',
    Description: 'A deal or forecast in your pipeline needs you (sent by Pulse).',
    Desktop: true,
    Mobile: true,
    Language: 'en_US',
    NamespacePrefix: null,
    CreatedDate: now,
    CreatedById: adminUserId,
    LastModifiedDate: now,
    LastModifiedById: adminUserId,
    SystemModstamp: now,
  }).Id;
}
