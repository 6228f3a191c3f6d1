// Key pairs for local runs, made once under the data directory (never committed):
//  - the connected app's: the backend signs JWT bearer assertions, the emulator verifies them;
//  - the org's signing certificate: the emulator signs per-user tokens, the backend verifies them.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface KeyPairFiles {
  privateKey: string;
  publicKey: string;
}

function keyPair(dir: string, name: string): KeyPairFiles {
  const files = { privateKey: join(dir, `${name}.key`), publicKey: join(dir, `${name}.pem`) };
  if (!existsSync(files.privateKey) || !existsSync(files.publicKey)) {
    const pair = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    writeFileSync(files.privateKey, pair.privateKey, { mode: 0o600 });
    writeFileSync(files.publicKey, pair.publicKey);
  }
  return files;
}

export function ensureDevKeys(dataDir: string): { connectedApp: KeyPairFiles; orgSigning: KeyPairFiles } {
  const dir = join(dataDir, 'dev-keys');
  // The data directory itself stays traversable: the embedded PostgreSQL runs as another user.
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return { connectedApp: keyPair(dir, 'connected-app'), orgSigning: keyPair(dir, 'org-signing') };
}
