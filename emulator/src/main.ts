// `node emulator/src/main.ts`: runs the org emulator on its own (npm start runs it for you).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startEmulator } from './server.ts';

const USAGE = `Usage: node emulator/src/main.ts --connected-app-certificate <pem file> [options]
  --port <n>                          port to listen on (default: EMULATOR_PORT or 4100)
  --host <address>                    address to bind (default 127.0.0.1)
  --consumer-key <key>                the connected app's consumer key (default pulse-local)
  --connected-app-certificate <file>  PEM certificate or public key that verifies JWT bearer assertions
  --org-signing-key <file>            PEM private key that signs per-user Pulse tokens
  --seed <n>                          demo data seed (default 42)`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function readPem(flag: string, file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    fail(`--${flag}: cannot read ${file}: ${(error as Error).message}`);
  }
}

function integer(flag: string, value: string | undefined, fallback: number, min = 0, max = 65535): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    fail(`--${flag} must be an integer from ${min} to ${max}, got "${value}"`);
  return n;
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'consumer-key': { type: 'string', default: 'pulse-local' },
      'connected-app-certificate': { type: 'string' },
      'org-signing-key': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (error) {
  fail((error as Error).message);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const certificate =
  readPem('connected-app-certificate', args['connected-app-certificate']) ??
  fail('--connected-app-certificate is required');

const emulator = await startEmulator({
  port: integer('port', args.port ?? process.env.EMULATOR_PORT, 4100),
  host: args.host,
  connectedApp: { consumerKey: args['consumer-key'], certificate },
  orgSigningKey: readPem('org-signing-key', args['org-signing-key']),
  demo: { seed: integer('seed', args.seed, 42, 0, 2 ** 31) },
});
console.log(`Salesforce org emulator listening on ${emulator.url} (org ${emulator.store.orgId})`);

// Ctrl-C reaches every process of the tree, and npm start then sends SIGTERM too: close once.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void emulator.close().then(() => process.exit(0));
  });
}
