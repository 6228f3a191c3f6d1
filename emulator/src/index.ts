export { startEmulator, DEMO_ORG_ID, type EmulatorOptions, type RunningEmulator } from './server.ts';
export { DEMO_USERS, type DemoOrg, type DemoOrgOptions } from './org/demoOrg.ts';
export type { OrgStore, CommittedTransaction, RecordChange } from './org/store.ts';
export type { ChangeEventPayload } from './streaming/index.ts';
export type { SObjectRecord } from './org/schema.ts';
export type { FaultInjector } from './faults/injector.ts';
export type { ApiLimits } from './rest/limits.ts';
