// Custom notification types (Setup > Notification Builder): what the customNotificationAction sends
// under. Defined as metadata (CustomNotificationType, .notiftype), so read-only through the API here.
import { field, platformOnly, reference, type SObjectDescribe } from './fields.ts';

export const NOTIFICATION_OBJECTS: SObjectDescribe[] = [
  {
    name: 'CustomNotificationType',
    label: 'Custom Notification Type',
    labelPlural: 'Custom Notification Types',
    keyPrefix: '0ML',
    createable: false,
    updateable: false,
    deletable: false,
    fields: platformOnly([
      field('Id', 'id'),
      field('CustomNotifTypeName', 'string', { nillable: false }),
      field('DeveloperName', 'string', { nillable: false }),
      field('MasterLabel', 'string', { nillable: false }),
      field('Description', 'textarea'),
      field('Desktop', 'boolean'),
      field('Mobile', 'boolean'),
      field('Language', 'string'),
      field('NamespacePrefix', 'string'),
      field('CreatedDate', 'datetime', { nillable: false }),
      reference('CreatedById', 'User', 'CreatedBy'),
      field('LastModifiedDate', 'datetime', { nillable: false }),
      reference('LastModifiedById', 'User', 'LastModifiedBy'),
      field('SystemModstamp', 'datetime', { nillable: false }),
    ]),
  },
];
