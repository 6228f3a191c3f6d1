// Access control lives in one place, VisibleMirror's views. This fails when code outside the sync
// and the access layer reads a scoped table directly (FROM opportunity ...), which would bypass
// them, or reaches the mirror through its TypeORM entities.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SCOPED_TABLES } from '../../src/access/visible-mirror';

const SRC = join(__dirname, '../../src');
/** Where raw tables are the point: the views themselves, and the code that writes the mirror. */
const ALLOWED = ['access/', 'mirror/', 'sync/', 'database/'];
/**
 * Reads that serve no viewer (the system itself, e.g. a recipient's own address for delivery), each
 * with its reason: `'<file>: <FROM|JOIN ... table>'` -> why it may bypass the views.
 */
const SYSTEM_READS: Record<string, string> = {
  'alerts/delivery/alert-sender.ts: FROM sf_user':
    "a recipient's own address and whether they are active, to send them their alert",
  'alerts/delivery/digest/digest-sender.ts: JOIN sf_user': "digest recipients' own addresses",
  'alerts/delivery/preferences/alert-preferences.service.ts: JOIN sf_user':
    "the viewer's own address, shown in their preferences",
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** A scoped table after FROM, JOIN, INTO or UPDATE, quoted or schema-qualified or not. */
const RAW_READ = new RegExp(
  String.raw`\b(FROM|JOIN|INTO|UPDATE)\s+(ONLY\s+)?("?public"?\.)?"?(${SCOPED_TABLES.join('|')})"?(?![\w.])`,
  'gi',
);
const MIRROR_ENTITIES = /from\s+['"][./]*(mirror\/)?mirror-entities['"]/;

function offences(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, ''); // comments may name tables
  return [...code.matchAll(RAW_READ)].map((m) => m[0].replace(/\s+/g, ' '));
}

describe('no query bypasses the visible_* views', () => {
  const files = sources(SRC).filter((file) => !ALLOWED.some((dir) => relative(SRC, file).startsWith(dir)));

  it('scans the analytics code', () => {
    expect(files.length).toBeGreaterThan(5);
    expect(files.map((f) => relative(SRC, f))).toContain('pipeline/pipeline.service.ts');
  });

  it('finds no scoped table named in FROM, JOIN, INTO or UPDATE outside access, mirror, sync and database', () => {
    const found = files.flatMap((file) =>
      offences(readFileSync(file, 'utf8')).map((o) => `${relative(SRC, file)}: ${o}`),
    );
    expect(found.filter((offence) => !(offence in SYSTEM_READS))).toEqual([]);
  });

  it('finds no use of the mirror entities there either', () => {
    const found = files.filter((file) => MIRROR_ENTITIES.test(readFileSync(file, 'utf8'))).map((f) => relative(SRC, f));
    expect(found).toEqual([]);
  });

  it('recognises the ways a query can name a raw table, and not the views or reference tables', () => {
    expect(offences('SELECT 1 FROM opportunity o')).toEqual(['FROM opportunity']);
    expect(offences('select * from\n  "public"."sf_user"')).toEqual(['from "public"."sf_user"']);
    expect(offences('a JOIN opportunity_history h ON')).toEqual(['JOIN opportunity_history']);
    expect(offences('LEFT JOIN task t')).toEqual(['JOIN task']);
    expect(offences('UPDATE forecasting_quota SET')).toEqual(['UPDATE forecasting_quota']);
    expect(offences('FROM public.event e')).toEqual(['FROM public.event']);
    expect(offences('FROM visible_opportunity o JOIN opportunity_stage s JOIN account a JOIN user_role r')).toEqual([]);
    expect(offences('FROM opportunity_line_item_extra')).toEqual([]);
    expect(offences('// reads FROM opportunity through the view\nFROM visible_opportunity')).toEqual([]);
  });
});
