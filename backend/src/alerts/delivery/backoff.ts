// How the worker paces retries: exponential backoff from 30 s, doubling up to an hour, and a lease
// that keeps a claimed row from other workers while it is being sent.

export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 3_600_000;
/** The 8th failed attempt is final: about an hour of retries (30 s + 1 + 2 + 4 + 8 + 16 + 32 min). */
export const MAX_ATTEMPTS = 8;
/** Longer than any send can take (SMTP and REST timeouts are well below): a crashed worker's rows come back after it. */
export const LEASE_MS = 5 * 60_000;

/** When to try again after `attempts` failed attempts (1 = the first failed). */
export function retryAt(now: Date, attempts: number): Date {
  const delay = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
  return new Date(now.getTime() + delay);
}
