// Runs before `npm test`: the browser tests drive Debian's Chromium (never a downloaded browser).
// Installs it when missing and we may (root with apt-get); otherwise says what to do.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const browser = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(browser)) process.exit(0);

const hasAptGet = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (process.getuid?.() !== 0 || !hasAptGet || process.env.CHROMIUM_PATH) {
  console.error(
    `The browser tests need Chromium at ${browser}. Install it (sudo apt-get install chromium) or set CHROMIUM_PATH.`,
  );
  process.exit(1);
}

console.log('Installing Chromium from Debian for the browser tests (apt-get install chromium)...');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [
  ['update', '-qq'],
  ['install', '-y', '-qq', '--no-install-recommends', 'chromium'],
]) {
  const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`apt-get ${args.join(' ')} failed (exit ${result.status})`);
    process.exit(1);
  }
}
if (!existsSync(browser)) {
  console.error(`Chromium was installed but ${browser} is missing; set CHROMIUM_PATH.`);
  process.exit(1);
}
