export { buildDataTree, writeDataTree, type DataTree, type ExportOptions } from './export.ts';
export { importDataTree, importingUser, NO_USER_ID, type ImportedRecord, type TreeFileInput } from './import.ts';
export { readPlan, readTreeFiles } from './read.ts';
export { DataTreeError, type PlanEntry, type TreeFile, type TreeRecord } from './format.ts';
