// The data tree CLI as a person runs it: export, import into a state file, and its refusals.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrgStore } from '../org/store.ts';
import { readOrgState } from '../persistence/load.ts';
import { DEMO_ORG_ID } from '../server.ts';

const CLI = join(__dirname, 'cli.ts');

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('datatree CLI', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'datatree-cli-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exports the demo org and imports the files into a new state file', async () => {
    const exported = await run('export', '--objects', 'Account', '--output-dir', join(dir, 'tree'));
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    expect(exported.stdout).toContain(`Wrote 1 data files and the plan ${join(dir, 'tree', 'Account-plan.json')}`);

    const stateFile = join(dir, 'org.ndjson.gz');
    const imported = await run('import', '--plan', join(dir, 'tree', 'Account-plan.json'), '--state-file', stateFile);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toMatch(/^AccountRef1 +Account +001\w{15}$/m);

    const store = new OrgStore({ orgId: DEMO_ORG_ID });
    await readOrgState(stateFile, store);
    const accounts = [...store.scan('Account')];
    expect(accounts.length).toBe(imported.stdout.match(/^AccountRef/gm)!.length);
    // A new org starts with the demo's users, so the emulator can be logged into, and they own the rows.
    const integration = [...store.scan('User')].find((u) => u.Username === 'integration@pulse.demo')!;
    expect(accounts[0].CreatedById).toBe(integration.Id);
  });

  it('refuses bad input with the file named, and bad usage with the usage', async () => {
    const bad = join(dir, 'Account.json');
    writeFileSync(
      bad,
      JSON.stringify({ records: [{ attributes: { type: 'Account', referenceId: 'a1' }, Nmae: 'x' }] }),
    );
    const refused = await run('import', '--files', bad, '--state-file', join(dir, 'org.ndjson'));
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      `${bad}: record a1 (Account): INVALID_FIELD: No such column 'Nmae' on sobject of type Account`,
    );
    // Nothing was imported, so no org file was made.
    expect(existsSync(join(dir, 'org.ndjson'))).toBe(false);
    const usage = await run('import', '--files', bad);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('import needs --state-file');
  });
});
