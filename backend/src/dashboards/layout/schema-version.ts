/**
 * Layout documents carry the schemaVersion they were written in. The server writes only the
 * current version and upgrades older stored documents on read, one step at a time; a document
 * newer than the server (written by a later release, then rolled back) cannot be read and is
 * skipped, never rewritten behind the user's back.
 */
export const CURRENT_SCHEMA_VERSION = 1;

/** One step: a document of version N (the key) as version N + 1. */
export type LayoutUpgrade = (document: Record<string, unknown>) => Record<string, unknown>;

/**
 * Steps from each older version. Version 1 is the first, so there are none yet; a change to the
 * document's shape bumps CURRENT_SCHEMA_VERSION and adds its step here, e.g.
 * `1: (d) => ({ ...d, schemaVersion: 2, widgets: ... })`.
 */
export const LAYOUT_UPGRADES: Readonly<Record<number, LayoutUpgrade>> = {};

export type Upgraded = { ok: true; document: Record<string, unknown> } | { ok: false; reason: string };

/** `document` as the current version, or why it cannot be. */
export function upgradeLayout(
  document: Record<string, unknown>,
  upgrades: Readonly<Record<number, LayoutUpgrade>> = LAYOUT_UPGRADES,
  current = CURRENT_SCHEMA_VERSION,
): Upgraded {
  let version = document.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { ok: false, reason: `its schemaVersion (${JSON.stringify(version)}) is not a version` };
  if (version > current)
    return { ok: false, reason: `it uses schemaVersion ${version}, newer than this server reads (${current})` };
  let upgraded = document;
  while (version < current) {
    const step = upgrades[version];
    if (!step) return { ok: false, reason: `no upgrade from schemaVersion ${version} exists` };
    upgraded = step(upgraded);
    version += 1;
    if (upgraded.schemaVersion !== version)
      return { ok: false, reason: `the upgrade to schemaVersion ${version} produced ${upgraded.schemaVersion}` };
  }
  return { ok: true, document: upgraded };
}
