import { CURRENT_SCHEMA_VERSION, LAYOUT_UPGRADES, upgradeLayout, type LayoutUpgrade } from './schema-version';

describe('layout schema versions', () => {
  // A made-up history, to prove the mechanism: v1 had `width`, v2 `size`, v3 a `settings` on each widget.
  const upgrades: Record<number, LayoutUpgrade> = {
    1: (d) => ({
      ...d,
      schemaVersion: 2,
      widgets: (d.widgets as { width: number }[]).map(({ width, ...w }) => ({ ...w, size: { columns: width } })),
    }),
    2: (d) => ({ ...d, schemaVersion: 3, widgets: (d.widgets as object[]).map((w) => ({ ...w, settings: {} })) }),
  };

  it('upgrades an old document one step at a time', () => {
    expect(upgradeLayout({ schemaVersion: 1, widgets: [{ type: 'kpiTiles', width: 12 }] }, upgrades, 3)).toEqual({
      ok: true,
      document: { schemaVersion: 3, widgets: [{ type: 'kpiTiles', size: { columns: 12 }, settings: {} }] },
    });
  });

  it('leaves a current document as it is', () => {
    const document = { schemaVersion: 3, widgets: [] };
    expect(upgradeLayout(document, upgrades, 3)).toEqual({ ok: true, document });
  });

  it('refuses versions from the future, missing steps and steps that lie', () => {
    expect(upgradeLayout({ schemaVersion: 4 }, upgrades, 3)).toEqual({
      ok: false,
      reason: 'it uses schemaVersion 4, newer than this server reads (3)',
    });
    expect(upgradeLayout({ schemaVersion: 1 }, { 2: upgrades[2] }, 3)).toEqual({
      ok: false,
      reason: 'no upgrade from schemaVersion 1 exists',
    });
    expect(upgradeLayout({ schemaVersion: 1 }, { 1: (d) => d }, 2)).toEqual({
      ok: false,
      reason: 'the upgrade to schemaVersion 2 produced 1',
    });
    for (const version of [0, 1.5, '1', null])
      expect(upgradeLayout({ schemaVersion: version }, upgrades, 3)).toMatchObject({ ok: false });
  });

  it('has a step from every version before the current one', () => {
    for (let version = 1; version < CURRENT_SCHEMA_VERSION; version++) expect(LAYOUT_UPGRADES[version]).toBeDefined();
  });
});
