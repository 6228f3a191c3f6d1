import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { seedDemoOrg } from '../org/demoOrg.ts';
import { OrgStore } from '../org/store.ts';
import { ReplayLog, type ReplayLogState } from '../streaming/replay-log.ts';
import { changeEvent } from '../streaming/test-harness.ts';
import { OrgStateError } from './format.ts';
import { readOrgState } from './load.ts';
import { OrgStateFile } from './state-file.ts';
import type { ReplayLogHolder } from './snapshot.ts';

const ORG_ID = '00D000000000001AAA';
const NOW = Date.UTC(2026, 10, 24, 9);

/** The streaming server's persistence face, over a bare replay log. */
function replayHolder(): ReplayLogHolder & { log: ReplayLog } {
  const log = new ReplayLog({ retentionMs: 72 * 3_600_000, clock: () => NOW });
  return {
    log,
    exportReplayLog: () => log.exportState(),
    restoreReplayLog: (state: ReplayLogState) => log.restoreState(state),
  };
}

function demoOrg() {
  const store = new OrgStore({ orgId: ORG_ID, clock: () => NOW });
  const demo = seedDemoOrg(store, { seed: 3, now: NOW, opportunities: 100 });
  const replay = replayHolder();
  const deal = [...store.scan('Opportunity')][0];
  store.transact(demo.adminUserId, (tx) => tx.update('Opportunity', deal.Id, { Name: 'Changed' }));
  for (const id of ['006000000000001AAA', '006000000000002AAA'])
    replay.log.append({ entityName: 'Opportunity', schema: 's', payload: changeEvent('Opportunity', id) });
  return { store, demo, replay, deal };
}

const rows = (store: OrgStore) =>
  store.snapshotTables().map(([name, records]) => [name, records.map((r) => ({ ...r }))]);

describe('OrgStateFile', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'org-state-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['org.ndjson', 'org.ndjson.gz'])('restores records, counters and the replay log from %s', async (name) => {
    const file = join(dir, name);
    const { store, demo, replay } = demoOrg();
    const before = store.counters;
    await new OrgStateFile({ file, store, replayLog: replay }).save();

    const loaded = new OrgStore({ orgId: ORG_ID, clock: () => NOW });
    const loadedReplay = replayHolder();
    expect(await new OrgStateFile({ file, store: loaded, replayLog: loadedReplay }).load()).toBe(true);

    expect(rows(loaded)).toEqual(rows(store));
    expect(loaded.counters).toEqual(before);
    expect(loadedReplay.log.replayIds).toEqual([1, 2]);
    // Ids and replayIds carry on after the saved ones instead of starting over.
    const id = loaded.transact(demo.adminUserId, (tx) => tx.create('Account', { Name: 'After restart' }));
    expect(store.byId(id)).toBeUndefined();
    expect(store.transact(demo.adminUserId, (tx) => tx.create('Account', { Name: 'Same id' }))).toBe(id);
    expect(
      loadedReplay.log.append({ entityName: 'Account', schema: 's', payload: changeEvent('Account', id) }).replayId,
    ).toBe(3);
    const gzipped = readFileSync(file)
      .subarray(0, 2)
      .equals(Buffer.from([0x1f, 0x8b]));
    expect(gzipped).toBe(name.endsWith('.gz'));
  });

  it('closes a loaded org that did not change without rewriting the file', async () => {
    const file = join(dir, 'org.ndjson.gz');
    const { store } = demoOrg();
    await new OrgStateFile({ file, store }).save();
    const before = statSync(file).mtimeMs;
    const state = new OrgStateFile({ file, store: new OrgStore({ orgId: ORG_ID }) });
    await state.load();
    await state.close();
    expect(state.lastSave).toBeUndefined();
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it('answers false when there is no file yet', async () => {
    const store = new OrgStore({ orgId: ORG_ID });
    expect(await new OrgStateFile({ file: join(dir, 'none.ndjson'), store }).load()).toBe(false);
  });

  it('saves a burst of commits once the delay has passed', async () => {
    const file = join(dir, 'org.ndjson');
    const { store, demo, deal } = demoOrg();
    const state = new OrgStateFile({ file, store, saveDelayMs: 30 });
    store.onCommit(() => state.changed());
    for (const name of ['Burst 1', 'Burst 2', 'Burst 3'])
      store.transact(demo.adminUserId, (tx) => tx.update('Opportunity', deal.Id, { Name: name }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const savedName = readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => (line ? JSON.parse(line) : {}))
      .find((record) => record.Id === deal.Id).Name;
    expect(savedName).toBe('Burst 3');
    expect(state.lastSave?.bytes).toBeGreaterThan(0);
    await state.close();
  });

  it('reports a failed background save instead of throwing; close() surfaces it', async () => {
    // A file where the folder should be: the folder can't be made, so every save fails.
    writeFileSync(join(dir, 'blocker'), '');
    const file = join(dir, 'blocker', 'org.ndjson');
    const errors: Error[] = [];
    const { store } = demoOrg();
    const state = new OrgStateFile({ file, store, saveDelayMs: 10, onError: (e) => errors.push(e) });
    state.changed();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(errors).toEqual([expect.objectContaining({ code: expect.stringMatching(/^(ENOTDIR|EEXIST)$/) })]);
    await expect(state.close()).rejects.toMatchObject({ code: expect.stringMatching(/^(ENOTDIR|EEXIST)$/) });
  });

  describe('refuses a bad file with its name and line, loading nothing', () => {
    const saved = async () => {
      const file = join(dir, 'org.ndjson');
      const { store, replay } = demoOrg();
      await new OrgStateFile({ file, store, replayLog: replay }).save();
      return { file, lines: readFileSync(file, 'utf8').split('\n') };
    };
    const loadError = async (file: string) => {
      const error = await readOrgState(file, new OrgStore({ orgId: ORG_ID }), replayHolder()).catch((e) => e);
      expect(error).toBeInstanceOf(OrgStateError);
      return (error as OrgStateError).message;
    };

    it('of an unknown version', async () => {
      const { file, lines } = await saved();
      lines[0] = lines[0].replace('"version":1', '"version":99');
      writeFileSync(file, lines.join('\n'));
      expect(await loadError(file)).toBe(
        `Cannot load the org state file ${file}, line 1: unsupported version 99; this emulator reads version 1`,
      );
    });

    it('with a corrupted line', async () => {
      const { file, lines } = await saved();
      lines[40] = lines[40].slice(0, 25);
      writeFileSync(file, lines.join('\n'));
      expect(await loadError(file)).toMatch(
        new RegExp(`^Cannot load the org state file ${file}, line 41: not valid JSON`),
      );
    });

    it('cut short', async () => {
      const { file, lines } = await saved();
      writeFileSync(file, lines.slice(0, 100).join('\n') + '\n');
      expect(await loadError(file)).toBe(
        `Cannot load the org state file ${file}, line 101: the file ends early (no end line): it was cut short or is not a complete save`,
      );
    });

    it('with corrupt gzip data', async () => {
      const { file, lines } = await saved();
      const zipped = gzipSync(lines.join('\n'));
      // A wrong checksum: the lines inflate, then the stream fails its check.
      zipped[zipped.length - 8] ^= 1;
      writeFileSync(`${file}.gz`, zipped);
      expect(await loadError(`${file}.gz`)).toMatch(/line \d+: the gzip data is corrupt \(incorrect data check\)$/);
      // Garbage inside the stream shows as whichever line it garbles first.
      zipped.fill(0x55, zipped.length >> 1, (zipped.length >> 1) + 64);
      writeFileSync(`${file}.gz`, zipped);
      expect(await loadError(`${file}.gz`)).toMatch(/line \d+: (the gzip data is corrupt|not valid JSON)/);
    });

    it('of another org, or with a record of an unknown sObject', async () => {
      const { file, lines } = await saved();
      writeFileSync(file, lines.join('\n').replace(ORG_ID, '00D000000000002AAA'));
      expect(await loadError(file)).toMatch(/line 1: the file holds org 00D000000000002AAA/);
      const section = lines.findIndex((line) => line.startsWith('{"sobject":"Account"'));
      lines[section] = lines[section].replace('"Account"', '"Acount"');
      writeFileSync(file, lines.join('\n'));
      expect(await loadError(file)).toContain(`line ${section + 1}: unknown sObject "Acount"`);
    });
  });
});
