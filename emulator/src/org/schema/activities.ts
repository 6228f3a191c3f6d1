// Activities: tasks and calendar events, each about a record (WhatId: an opportunity or an account)
// and a person (WhoId: a contact). Both references are polymorphic.
import { field, picklist, reference, systemFields, type FieldDescribe, type SObjectDescribe } from './fields.ts';

export const TASK_STATUSES = ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'];
/** The statuses marked closed in the org's TaskStatus setup. */
export const CLOSED_TASK_STATUSES = new Set(['Completed']);
export const ACTIVITY_TYPES = ['Call', 'Email', 'Meeting', 'Other'];

/** Fields both activities share. */
const activityFields = (): FieldDescribe[] => [
  ...systemFields(),
  reference('WhoId', ['Contact'], 'Who'),
  reference('WhatId', ['Opportunity', 'Account'], 'What'),
  // The account the activity belongs to, from WhatId (or WhoId's contact), kept by the platform.
  reference('AccountId', 'Account', 'Account', { readOnly: true }),
  field('Subject', 'combobox'),
  field('Description', 'textarea'),
  reference('OwnerId', 'User', 'Owner'),
  picklist('Type', ACTIVITY_TYPES),
  field('IsArchived', 'boolean', { readOnly: true }),
];

export const ACTIVITY_OBJECTS: SObjectDescribe[] = [
  {
    name: 'Task',
    label: 'Task',
    labelPlural: 'Tasks',
    keyPrefix: '00T',
    fields: [
      ...activityFields(),
      field('ActivityDate', 'date'),
      picklist('Status', TASK_STATUSES, { nillable: false, defaultedOnCreate: true }),
      picklist('Priority', ['High', 'Normal', 'Low'], { nillable: false, defaultedOnCreate: true }),
      field('IsHighPriority', 'boolean', { readOnly: true }),
      field('IsClosed', 'boolean', { readOnly: true }),
      field('CompletedDateTime', 'datetime', { readOnly: true }),
      picklist('TaskSubtype', ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'], {
        defaultedOnCreate: true,
      }),
      field('CallDurationInSeconds', 'int'),
      picklist('CallType', ['Internal', 'Inbound', 'Outbound']),
      field('CallDisposition', 'string'),
    ],
  },
  {
    name: 'Event',
    label: 'Event',
    labelPlural: 'Events',
    keyPrefix: '00U',
    fields: [
      ...activityFields(),
      field('Location', 'string'),
      field('IsAllDayEvent', 'boolean'),
      // A write gives ActivityDateTime or StartDateTime, and DurationInMinutes or EndDateTime.
      field('ActivityDateTime', 'datetime'),
      field('StartDateTime', 'datetime'),
      field('EndDateTime', 'datetime'),
      field('DurationInMinutes', 'int'),
      field('ActivityDate', 'date'),
      picklist('ShowAs', ['Busy', 'OutOfOffice', 'Free'], { defaultedOnCreate: true }),
      picklist('EventSubtype', ['Event'], { defaultedOnCreate: true }),
      field('IsPrivate', 'boolean'),
    ],
  },
];
