// `npm run org -- <fault command>`: drives the emulator's fault injection API (/emulator/faults).

export const FAULT_USAGE = `Faults (for tests and demos; none touches /emulator/**):
  faults                          show the faults in force
  faults clear                    clear latency, failures and API limit faults
  expire-sessions [username]      end every access token (or one user's); refresh tokens survive
  drop-clients [clientId]         forget streaming clients (all by default): they must handshake again
  trim-replay [replayId]          make events up to replayId (default: all retained) unreplayable
  gap <GAP_TYPE> <Id>...          emit a gap event (GAP_CREATE, GAP_UPDATE, GAP_DELETE, GAP_UNDELETE)
  overflow <Entity>               emit GAP_OVERFLOW for an entity (e.g. Opportunity)
  silent-update <Id> <Field=Value>...  change a record with no change event (formula/database change)
  latency <ms> [jitterMs]         add latency to every response (latency 0 clears)
  fail <rate> [status] [seed]     fail a share (0..1) of requests with 503 (or 500); fail 0 clears
  limits [remaining]              leave N API requests in the daily allocation (default 0: spent)`;

type Call = (path: string, init?: RequestInit) => Promise<unknown>;

const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });

/** Runs a fault command and returns what to print, or undefined when `command` is not one. */
export async function runFaultCommand(
  command: string | undefined,
  args: string[],
  call: Call,
  parse: (assignments: string[]) => Record<string, unknown>,
): Promise<unknown> {
  // Not a number: passed on as text, so the emulator's 400 names what was given.
  const number = (text: string | undefined) =>
    text === undefined || !Number.isFinite(Number(text)) ? text : Number(text);
  switch (command) {
    case 'faults':
      return args[0] === 'clear' ? call('faults', { method: 'DELETE' }) : call('faults');
    case 'expire-sessions':
      return call('faults/sessions/expire', post({ username: args[0] }));
    case 'drop-clients':
      return call('faults/streaming/drop-clients', post({ clientId: args[0] }));
    case 'trim-replay':
      return call('faults/streaming/trim-replay-log', post({ throughReplayId: number(args[0]) }));
    case 'gap':
      return call('faults/gap-events', post({ changeType: args[0], recordIds: args.slice(1) }));
    case 'overflow':
      return call('faults/gap-overflow', post({ entityName: args[0] }));
    case 'silent-update':
      return call('faults/write-without-event', post({ recordId: args[0], values: parse(args.slice(1)) }));
    case 'latency':
      if (args[0] === '0') return call('faults/latency', { method: 'DELETE' });
      return call('faults/latency', post({ ms: number(args[0]), jitterMs: number(args[1]) }));
    case 'fail':
      if (args[0] === '0') return call('faults/failures', { method: 'DELETE' });
      return call('faults/failures', post({ rate: number(args[0]), status: number(args[1]), seed: number(args[2]) }));
    case 'limits':
      return call('faults/api-limits', post({ remaining: number(args[0] ?? '0') }));
    default:
      return undefined;
  }
}
