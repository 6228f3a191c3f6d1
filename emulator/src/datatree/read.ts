// Reads what `sf data import tree` takes: a plan file (files relative to it, in plan order) or a
// list of data files. Bad JSON or a bad plan stops with the file named.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { describeSObject } from '../org/schema.ts';
import { DataTreeError } from './format.ts';
import type { TreeFileInput } from './import.ts';

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new DataTreeError(path, `cannot read the file (${(error as Error).message})`);
  }
  if (text.trim() === '') throw new DataTreeError(path, 'the file is empty');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DataTreeError(path, `not valid JSON (${(error as Error).message})`);
  }
}

export async function readPlan(planPath: string): Promise<TreeFileInput[]> {
  const plan = await readJson(planPath);
  if (!Array.isArray(plan)) throw new DataTreeError(planPath, 'a plan is a JSON array of { "sobject", "files" }');
  const inputs: TreeFileInput[] = [];
  for (const [i, entry] of plan.entries()) {
    const files = (entry as { files?: unknown })?.files;
    const sobject = (entry as { sobject?: unknown })?.sobject;
    if (typeof sobject !== 'string' || !Array.isArray(files) || !files.every((f) => typeof f === 'string'))
      throw new DataTreeError(planPath, `entry ${i + 1} needs "sobject" and "files" (an array of file names)`);
    if (!describeSObject(sobject)) throw new DataTreeError(planPath, `entry ${i + 1}: unknown sObject ${sobject}`);
    for (const file of files) {
      const path = resolve(dirname(planPath), file);
      inputs.push({ name: path, sobject, contents: await readJson(path) });
    }
  }
  return inputs;
}

export async function readTreeFiles(paths: string[]): Promise<TreeFileInput[]> {
  return Promise.all(paths.map(async (path) => ({ name: path, contents: await readJson(path) })));
}
