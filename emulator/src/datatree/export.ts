// Writes the org (or chosen sObjects) as a data tree: live records only, writable fields only,
// nulls left out, lookups to exported records as `@referenceId`. A lookup to a record outside the
// export is left out by default, so the files load into any org (sf keeps the raw id, which only
// the org it came from would accept); `keepOutsideIds` keeps it as sf does.
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { describeSObject, SOBJECTS } from '../org/schema.ts';
import type { OrgStore } from '../org/store.ts';
import { isCreateable, writableFields } from './fields.ts';
import {
  dataFileName,
  DataTreeError,
  planFileName,
  referenceIdOf,
  referenceIn,
  type PlanEntry,
  type TreeRecord,
} from './format.ts';
import { insertOrder } from './order.ts';

export interface ExportOptions {
  /** sObjects to export (default: every createable one holding live records). */
  objects?: string[];
  /** File name prefix, as sf's --prefix. */
  prefix?: string;
  keepOutsideIds?: boolean;
}

export interface DataTree {
  planFile: string;
  plan: PlanEntry[];
  /** Data file name -> its records, in plan order. */
  files: Map<string, TreeRecord[]>;
  /** referenceId -> the exported record's id in this org. */
  idsByReferenceId: Map<string, string>;
}

const live = (store: OrgStore, sobject: string) => [...store.scan(sobject)].filter((r) => r.IsDeleted !== true);

export function buildDataTree(store: OrgStore, options: ExportOptions = {}): DataTree {
  const chosen = options.objects?.map((name) => {
    const describe = describeSObject(name);
    if (!describe) throw new DataTreeError('export', `unknown sObject ${name}`);
    return describe.name;
  });
  const sobjects = insertOrder(
    chosen ?? SOBJECTS.filter((s) => isCreateable(s) && live(store, s.name).length > 0).map((s) => s.name),
  );
  const rows = new Map(sobjects.map((sobject) => [sobject, live(store, sobject)]));
  // Every exported record's referenceId first, so lookups can point forwards and backwards.
  const referenceIds = new Map<string, string>();
  const idsByReferenceId = new Map<string, string>();
  for (const sobject of sobjects) {
    rows.get(sobject)!.forEach((record, i) => {
      const referenceId = referenceIdOf(sobject, i + 1);
      referenceIds.set(record.Id, referenceId);
      idsByReferenceId.set(referenceId, record.Id);
    });
  }
  const files = new Map<string, TreeRecord[]>();
  const plan: PlanEntry[] = [];
  for (const sobject of sobjects) {
    const fields = writableFields(describeSObject(sobject)!);
    const records = rows.get(sobject)!.map((record) => {
      const tree: TreeRecord = { attributes: { type: sobject, referenceId: referenceIds.get(record.Id)! } };
      for (const f of fields) {
        const value = record[f.name];
        if (value === null || value === undefined) continue;
        if (f.type !== 'reference') tree[f.name] = value;
        else if (referenceIds.has(value as string)) tree[f.name] = `@${referenceIds.get(value as string)}`;
        else if (options.keepOutsideIds) tree[f.name] = value;
      }
      return tree;
    });
    const file = dataFileName(sobject, options.prefix);
    files.set(file, records);
    plan.push({ sobject, saveRefs: false, resolveRefs: records.some(hasReference), files: [file] });
  }
  // saveRefs, as sf computes it: does any exported record point at this object's records?
  const pointedAt = new Set(
    [...files.values()].flat().flatMap((r) =>
      Object.values(r)
        .map(referenceIn)
        .filter((ref) => ref !== undefined),
    ),
  );
  for (const entry of plan)
    entry.saveRefs = files.get(entry.files[0])!.some((r) => pointedAt.has(r.attributes.referenceId));
  return { planFile: planFileName(sobjects, options.prefix), plan, files, idsByReferenceId };
}

const hasReference = (record: TreeRecord) => Object.values(record).some((v) => referenceIn(v) !== undefined);

/**
 * Writes the plan and data files into `dir` (created if needed) with sf's 4-space indentation,
 * a record at a time so a large export never becomes one huge string. Returns the paths written.
 */
export async function writeDataTree(dir: string, tree: DataTree): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, records] of tree.files) {
    const path = join(dir, name);
    const handle = await open(path, 'w');
    try {
      let buffer = '{\n    "records": [';
      for (const [i, record] of records.entries()) {
        buffer += `${i === 0 ? '\n' : ',\n'}${JSON.stringify(record, null, 4).replace(/^/gm, '        ')}`;
        if (buffer.length > 1 << 20) {
          await handle.write(buffer);
          buffer = '';
        }
      }
      await handle.write(`${buffer}${records.length > 0 ? '\n    ' : ''}]\n}`);
    } finally {
      await handle.close();
    }
    written.push(path);
  }
  const planPath = join(dir, tree.planFile);
  const handle = await open(planPath, 'w');
  await handle.write(JSON.stringify(tree.plan, null, 4));
  await handle.close();
  return [planPath, ...written];
}
