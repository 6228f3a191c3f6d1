// Emulator bugs the fuzzers found and that are not fixed yet. fuzz-known-bugs.spec.ts pins each one,
// and fails once it is fixed: then delete the entry here too. The fuzz properties tolerate exactly
// these inputs and nothing else.

/**
 * LAST_N_DAYS:n (and every `:n` literal) with an n so large that the range leaves JavaScript's date
 * range: executeSoql throws RangeError "Invalid time value" on a date field (HTTP 500), where
 * Salesforce answers 400 with an error code.
 */
export const hugeDateLiteralN = (soql: string): boolean => /[A-Z]\s*:\s*\d{6,}/i.test(soql);

/** `?q=a&q=b`: the query route passes an array to the SOQL engine (TypeError, HTTP 500). */
export const repeatedQueryParameter = (params: URLSearchParams): boolean => params.getAll('q').length > 1;

/**
 * A JWT bearer assertion whose header says `"typ":"JWT"` and whose payload is `null` or not JSON:
 * jsonwebtoken's decode then returns a null payload or throws, and the token endpoint answers 500
 * where Salesforce answers 400 {"error":"invalid_grant", ...}.
 */
export function unparseableJwtPayload(assertion: string): boolean {
  const [header, payload] = assertion.split('.').map((part) => Buffer.from(part ?? '', 'base64url').toString());
  try {
    if ((JSON.parse(header) as { typ?: unknown } | null)?.typ !== 'JWT') return false;
  } catch {
    return false;
  }
  try {
    return JSON.parse(payload) === null;
  } catch {
    return true;
  }
}

/** A handshake whose supportedConnectionTypes is not an array (TypeError, HTTP 500). */
export const nonArrayConnectionTypes = (messages: unknown): boolean =>
  (Array.isArray(messages) ? messages : [messages]).some(
    (m) =>
      m !== null &&
      typeof m === 'object' &&
      (m as { channel?: unknown }).channel === '/meta/handshake' &&
      (m as { supportedConnectionTypes?: unknown }).supportedConnectionTypes != null &&
      !Array.isArray((m as { supportedConnectionTypes?: unknown }).supportedConnectionTypes),
  );

/**
 * Errors fastify raises before a route runs (unparseable or empty JSON, `__proto__` keys, a content
 * type with no parser, a body over 1 MiB, an unknown path) answer in fastify's shape
 * `{statusCode, code: 'FST_...', error, message}` instead of Salesforce's (REST: a JSON array of
 * {message, errorCode}, e.g. JSON_PARSER_ERROR / NOT_FOUND; OAuth: {error, error_description}).
 */
export function isFastifyError(body: unknown): boolean {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
  const { statusCode, code, message } = body as { statusCode?: unknown; code?: unknown; message?: unknown };
  const fromFastify = String(code).startsWith('FST_') || /^Route \w+:.* not found$/.test(String(message));
  return typeof statusCode === 'number' && statusCode < 500 && fromFastify;
}
