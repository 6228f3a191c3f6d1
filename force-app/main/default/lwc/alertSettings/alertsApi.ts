// The alert settings' side of the Pulse API: shapes of /api/alerts/* and writes through the Apex
// proxy's sendJson (reads go through c/pulseApi's fetchPulse).
import sendJson from '@salesforce/apex/PulseApiController.sendJson';

export type RuleKind =
  | 'deal_won'
  | 'deal_lost'
  | 'stage_moved_backwards'
  | 'close_date_pushed_out'
  | 'no_activity'
  | 'forecast_risk'
  | 'sync_unhealthy';
export type Scope = 'self' | 'team';
export type ParamName = 'minAmount' | 'days' | 'minCoverage' | 'maxLagSeconds';
export type AlertParams = Partial<Record<ParamName, number>>;
export type Channel = 'email' | 'salesforce';

/** One of GET /api/alerts/subscriptions; params include the rule's defaults. */
export interface Subscription {
  id: number;
  ruleKind: RuleKind;
  scope: Scope;
  params: AlertParams;
  active: boolean;
}

/** GET|PUT /api/alerts/preferences (PUT takes the same fields but salesforceEmail, availableChannels, updatedAt). */
export interface Preferences {
  email: string | null;
  salesforceEmail: string | null;
  channels: Channel[];
  availableChannels: Channel[];
  quietHours: { start: string; end: string } | null;
  timeZone: string;
  digest: { enabled: boolean; hour: number };
}

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Writes to /api/alerts/...; resolves to the parsed answer, undefined for 204 No Content. */
export async function sendPulse<T>(method: WriteMethod, path: string, body?: unknown): Promise<T | undefined> {
  const answer = (await sendJson({
    method,
    path,
    body: body === undefined ? null : JSON.stringify(body),
  })) as string;
  return answer ? (JSON.parse(answer) as T) : undefined;
}

// The Apex proxy's wording for a refused request (see PulseApiController.send): the status line,
// the path, then the backend's messages joined with '; '.
const REFUSED = /^The Pulse backend answered 4\d\d [^:]* for [^:]*: (.+)$/s;

/**
 * The backend's own messages when it refused a write (400 invalid field, 403 not allowed, 404 gone),
 * for showing next to the form; undefined for any other failure, which the error panel shows.
 */
export function refusalMessages(error: unknown): string[] | undefined {
  const message = (error as { body?: { message?: unknown } } | undefined)?.body?.message;
  const match = typeof message === 'string' ? REFUSED.exec(message) : null;
  return match ? match[1].split('; ') : undefined;
}
