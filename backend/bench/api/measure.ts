// One endpoint as one viewer: the first request on its own (cold: nothing cached for it yet), then
// autocannon's steady state (warm). autocannon reports no p95, so each response's time is kept and
// the percentiles are taken from all of them.
import autocannon from 'autocannon';

export interface Cold {
  ms: number;
  status: number;
  bytes: number;
  /** Whether the answer carried an ETag (the API's response cache speaks through it). */
  etag: boolean;
}

export interface Warm {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  requestsPerSecond: number;
  requests: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** The first answer that was not 2xx (status and body), when there was one. */
  firstError?: { status: number; body: string };
}

const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;

/** The first request of this viewer to this endpoint, timed from sending to the last byte of the body. */
export async function cold(url: string, token: string | undefined): Promise<Cold & { body: string }> {
  const started = performance.now();
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = await response.text();
  const ms = round(performance.now() - started, 2);
  return { ms, status: response.status, bytes: body.length, etag: response.headers.has('etag'), body };
}

export async function warm(
  url: string,
  token: string | undefined,
  options: { duration: number; connections: number },
): Promise<Warm> {
  const times: number[] = [];
  let firstErrorStatus: number | undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        duration: options.duration,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, status: number, _bytes: number, responseTime: number) => {
      if (status >= 200 && status < 300) times.push(responseTime);
      else firstErrorStatus ??= status;
    });
  });
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    times.length ? round(times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]) : 0;
  const warmed: Warm = {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: round(times.at(-1) ?? 0),
    requestsPerSecond: Math.round(result.requests.average),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
  if (firstErrorStatus !== undefined) {
    // autocannon keeps no bodies: ask once more to show what the error says.
    const again = await cold(url, token);
    warmed.firstError = { status: firstErrorStatus, body: again.body.slice(0, 2_000) };
  }
  return warmed;
}
