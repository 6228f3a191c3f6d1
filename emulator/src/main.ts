// `npm run emulator -- [flags]`: runs the org emulator on its own (npm start runs it for you).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDevKeys } from './devKeys.ts';
import { startEmulator } from './server.ts';

const USAGE = `Usage: npm run emulator -- [options]
  --port <n>                          port to listen on (default: EMULATOR_PORT or 4100)
  --host <address>                    address to bind (default 127.0.0.1)
  --seed <n>                          demo data seed (default 42)
  --opportunities <n>                 demo org size (default 3000; up to 1000000 — then give Node
                                      more heap: NODE_OPTIONS=--max-old-space-size=6144)
  --users <n>                         every user of the org (default: six named reps, their
                                      managers, VP and CEO, plus one rep per 500 opportunities)
  --role-levels <n>                   role levels from the CEO down to the reps, 4 to 12 (default 4)
  --traffic <changes per second>      keep changing the org, as a sales team would (default: off)
  --state-file <file>                 keep the org in this file across restarts (.gz to compress)
  --daily-api-requests <n>            the org's daily API allocation (default 100000)
  --consumer-key <key>                the connected app's consumer key (default pulse-local)
  --connected-app-certificate <file>  PEM certificate or public key that verifies JWT bearer
                                      assertions (default: a key pair made in .data/dev-keys/)
  --org-signing-key <file>            PEM private key that signs per-user Pulse tokens
                                      (default: the one in .data/dev-keys/)
  -h, --help                          this text`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function readPem(flag: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    fail(`--${flag}: cannot read ${file}: ${(error as Error).message}`);
  }
}

function number(
  flag: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
  integer = true,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    fail(`--${flag} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      opportunities: { type: 'string' },
      users: { type: 'string' },
      'role-levels': { type: 'string' },
      traffic: { type: 'string' },
      'state-file': { type: 'string' },
      'daily-api-requests': { type: 'string' },
      'consumer-key': { type: 'string', default: 'pulse-local' },
      'connected-app-certificate': { type: 'string' },
      'org-signing-key': { type: 'string' },
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

// Without keys of its own, the emulator uses the local pair npm start uses, so clients can log in.
const devKeys =
  args['connected-app-certificate'] && args['org-signing-key']
    ? undefined
    : ensureDevKeys(resolve(process.env.PULSE_DATA_DIR ?? '.data'));
const certificateFile = args['connected-app-certificate'] ?? devKeys!.connectedApp.publicKey;
const signingKeyFile = args['org-signing-key'] ?? devKeys!.orgSigning.privateKey;
const trafficRate = number('traffic', args.traffic, 0, 0, 10_000, false);
const stateFile = args['state-file'] ? resolve(args['state-file']) : undefined;

// The demo generator refuses impossible shapes (say, fewer users than its named team) with a RangeError.
const emulator = await startEmulator({
  port: number('port', args.port ?? process.env.EMULATOR_PORT, 4100, 0, 65535),
  host: args.host,
  connectedApp: {
    consumerKey: args['consumer-key'],
    certificate: readPem('connected-app-certificate', certificateFile),
  },
  orgSigningKey: readPem('org-signing-key', signingKeyFile),
  demo: {
    seed: number('seed', args.seed, 42, 0, 2 ** 31),
    opportunities: number('opportunities', args.opportunities, 3000, 1, 1_000_000),
    users: args.users === undefined ? undefined : number('users', args.users, 0, 1, 100_000),
    roleLevels: number('role-levels', args['role-levels'], 4, 4, 12),
  },
  dailyApiRequests: number('daily-api-requests', args['daily-api-requests'], 100_000, 1, 1e12),
  stateFile,
  traffic: trafficRate > 0 ? { eventsPerSecond: trafficRate } : undefined,
}).catch((error: Error) =>
  error instanceof RangeError ? fail(`the demo org cannot be made: ${error.message}`) : Promise.reject(error),
);

const opportunities = emulator.store.count('Opportunity').toLocaleString('en-US');
const privateKey =
  devKeys && !args['connected-app-certificate']
    ? devKeys.connectedApp.privateKey
    : `the key matching ${certificateFile}`;
console.log(
  `Salesforce org emulator listening on ${emulator.url} (org ${emulator.store.orgId}, ${opportunities} opportunities)`,
);
console.log(`  Login URL     ${emulator.url}  (OAuth 2.0 JWT bearer, RS256)`);
console.log(`  Consumer key  ${args['consumer-key']}`);
console.log(`  Username      integration@pulse.demo`);
console.log(`  Private key   ${privateKey}`);
if (stateFile)
  console.log(
    `  State file    ${stateFile} (${emulator.stateFile?.lastLoad ? `loaded ${emulator.stateFile.lastLoad.records.toLocaleString('en-US')} records` : 'new'})`,
  );
if (trafficRate > 0) console.log(`  Traffic       ${trafficRate} changes/s`);
console.log(`  Change it     npm run org -- --help   (faults: npm run org -- faults)`);
if (devKeys) console.log(`  (keys in ${join(resolve(process.env.PULSE_DATA_DIR ?? '.data'), 'dev-keys')})`);

// Ctrl-C reaches every process of the tree, and npm start then sends SIGTERM too: close once.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void emulator.close().then(() => process.exit(0));
  });
}
