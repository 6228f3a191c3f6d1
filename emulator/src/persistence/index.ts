export { OrgStateFile, type OrgStateFileOptions } from './state-file.ts';
export { OrgStateError, STATE_FORMAT, STATE_VERSION } from './format.ts';
export { readOrgState, type LoadReport } from './load.ts';
export { writeOrgState, type SaveReport } from './save.ts';
export { takeSnapshot, type OrgSnapshot, type ReplayLogHolder } from './snapshot.ts';
export { demoOrgOf } from './demo.ts';
