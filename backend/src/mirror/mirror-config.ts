// The optional sync configuration (PULSE_SYNC_CONFIG, a JSON file): which objects to mirror, which
// extra fields to keep, and which objects to poll rather than stream (an org may select only five
// entities for Change Data Capture without the add-on licence).
import { readFileSync } from 'node:fs';
import { MIRRORED_OBJECTS, type MirroredObject } from './mirrored-objects';

export interface ObjectSettings {
  /** Mirror this object at all (default true). */
  enabled?: boolean;
  /** Stream its change events (default: when Salesforce can); false polls it by SystemModstamp. */
  changeEvents?: boolean;
  /** More of its fields to keep, in the row's `extra` JSON. */
  extraFields?: string[];
}

export interface EffectiveObject extends MirroredObject {
  extraFields: string[];
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Validates the file's content; every problem names its path in the file. */
export function effectiveObjects(settings: Record<string, unknown> = {}): EffectiveObject[] {
  const problems: string[] = [];
  const known = new Set(MIRRORED_OBJECTS.map((o) => o.sobject));
  for (const name of Object.keys(settings))
    if (!known.has(name)) problems.push(`objects.${name}: not an object Pulse mirrors (${[...known].join(', ')})`);
  const objects = MIRRORED_OBJECTS.flatMap((object): EffectiveObject[] => {
    const s = (settings[object.sobject] ?? {}) as ObjectSettings;
    const at = `objects.${object.sobject}`;
    if (typeof s !== 'object' || Array.isArray(s)) problems.push(`${at}: must be an object`);
    if (s.enabled !== undefined && typeof s.enabled !== 'boolean')
      problems.push(`${at}.enabled: must be true or false`);
    if (s.changeEvents !== undefined && typeof s.changeEvents !== 'boolean')
      problems.push(`${at}.changeEvents: must be true or false`);
    if (s.changeEvents === true && !object.changeEvents)
      problems.push(`${at}.changeEvents: Salesforce publishes no change events for ${object.sobject}`);
    const extra = s.extraFields ?? [];
    if (!Array.isArray(extra) || !extra.every((f) => typeof f === 'string' && FIELD_NAME.test(f))) {
      problems.push(`${at}.extraFields: must be a list of field API names`);
    }
    if (s.enabled === false) return [];
    const typed = new Set(object.fields.map((f) => f.field));
    return [
      {
        ...object,
        changeEvents: s.changeEvents ?? object.changeEvents,
        extraFields: Array.isArray(extra) ? extra.filter((f) => !typed.has(f)) : [],
      },
    ];
  });
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return objects;
}

/** Reads and validates the file; without one, every object with its default fields. */
export function loadMirrorConfig(file?: string): EffectiveObject[] {
  if (!file) return effectiveObjects();
  let parsed: { objects?: Record<string, unknown> };
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`PULSE_SYNC_CONFIG (${file}) cannot be read as JSON: ${(error as Error).message}`);
  }
  try {
    return effectiveObjects(parsed?.objects ?? {});
  } catch (error) {
    throw new Error(`PULSE_SYNC_CONFIG (${file}):\n${(error as Error).message}`);
  }
}
