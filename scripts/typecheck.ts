// `npm run typecheck`: type-checks every workspace and the LWC sources, each with its own tsconfig.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const PROJECTS = [
  'scripts/tsconfig.json',
  'emulator/tsconfig.json',
  'backend/tsconfig.json',
  'preview/tsconfig.json',
  'preview/tsconfig.browser.json',
  'infra/tsconfig.json',
  'force-app/main/default/lwc/tsconfig.json',
  'force-app/test/tsconfig.json',
];

let failed = 0;
for (const project of PROJECTS) {
  if (!existsSync(join(root, project))) {
    console.error(`✖ ${project} is missing`);
    failed++;
    continue;
  }
  const started = Date.now();
  const result = spawnSync(process.execPath, [tsc, '-p', project, '--noEmit'], { cwd: root, stdio: 'inherit' });
  console.log(`${result.status === 0 ? '✔' : '✖'} ${project} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
