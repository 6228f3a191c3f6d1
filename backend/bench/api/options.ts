// The bench's flags, validated before anything starts: a bad value stops it with a message that
// names the flag.
import { parseArgs } from 'node:util';

export interface ApiBenchOptions {
  opportunities: number;
  users: number;
  /** Role levels from the CEO down to the reps. */
  levels: number;
  /** Seconds of steady load per endpoint and viewer. */
  duration: number;
  connections: number;
  seed: number;
  /** Mirror changes per second during the run (0: none), as a live org's CDC would make them. */
  changes: number;
  /** Build the mirror again even when a cached one fits. */
  rebuild: boolean;
}

export const USAGE = `Usage: npm run bench:api -- [flags]
Measures the API on a mirror of a large org: cold (first request, a cache miss) and warm (autocannon
steady state) latency and throughput per endpoint, as a manager and as a rep, beside GET /health in
the same run. Prints JSON on stdout; progress on stderr.
  --opportunities <n>  org size (default 1000000, at most 1000000)
  --users <n>          users in the org, the integration user included (default 5000)
  --levels <n>         role hierarchy depth, CEO to reps, 4 to 12 (default 6)
  --duration <s>       seconds of load per endpoint and viewer (default 5)
  --connections <n>    concurrent connections (default 10)
  --seed <n>           the demo org's seed (default 42)
  --changes <n>        mirror changes per second while measuring (default 0): each moves the mirror's
                       version, as a change arriving from the org does, so cached answers go stale
  --rebuild            build the mirror afresh even if .data/bench-api holds one for these flags
The mirror is built once per (opportunities, users, levels, seed) under .data/bench-api/ and reused.
Needs a built backend (npm run build -w backend); the npm script builds it and gives Node the heap
the emulated org needs (--max-old-space-size=6144).`;

export class UsageError extends Error {}

function integer(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(`--${flag} must be an integer from ${min} to ${max}, got "${text}"`);
  return n;
}

/** The options, or undefined when --help asked for the usage. Throws UsageError on a bad flag. */
export function parseOptions(argv: string[]): ApiBenchOptions | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      options: {
        opportunities: { type: 'string', default: '1000000' },
        users: { type: 'string', default: '5000' },
        levels: { type: 'string', default: '6' },
        duration: { type: 'string', default: '5' },
        connections: { type: 'string', default: '10' },
        seed: { type: 'string', default: '42' },
        changes: { type: 'string', default: '0' },
        rebuild: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) return undefined;
  const levels = integer('levels', values.levels, 4, 12);
  // The smallest organisation the generator lays out at that depth: the named ten and a chain of leaders.
  const leastUsers = 10 + 2 * (levels - 4);
  return {
    opportunities: integer('opportunities', values.opportunities, 1, 1_000_000),
    users: integer('users', values.users, leastUsers, 100_000),
    levels,
    duration: integer('duration', values.duration, 1, 600),
    connections: integer('connections', values.connections, 1, 1_000),
    seed: integer('seed', values.seed, 0, 2 ** 31 - 1),
    changes: integer('changes', values.changes, 0, 1_000),
    rebuild: values.rebuild,
  };
}
