// The run itself: every endpoint as every viewer (cold, then warm), each beside a /health run, and
// the verdict against the aims. An endpoint that refuses a viewer by design (403: admin-only
// routes such as alert delivery) is not loaded further and is listed, with the reason it gave.
import type { Endpoint } from './endpoints.ts';
import { cold, warm, type Cold, type Warm } from './measure.ts';
import { log } from './org.ts';
import type { ChosenViewer } from './viewers.ts';

/** The aims, per endpoint and viewer, warm. */
export const AIMS = { p95Ms: 25, ratioToHealth: 0.5 };
const WARM_UP_SECONDS = 1;

export interface ViewerResult {
  /** The first request: nothing cached for this viewer and endpoint yet. */
  cold: Cold;
  /** Steady state after a second's warm-up (absent when the endpoint refuses this viewer). */
  warm?: Warm;
  /** Warm requests/s over those of the /health run beside it. */
  ratioToHealth?: number;
  /** Why the endpoint refused this viewer (403), by design or not: read it. */
  forbidden?: string;
}

export interface EndpointResult {
  path: string;
  summary?: string;
  /** GET /health measured just before this endpoint: the bar its ratios are taken against. */
  health: Warm;
  results: Record<ChosenViewer['kind'], ViewerResult>;
}

export interface SuiteResult {
  /** /health's requests/s over all its runs (one beside each endpoint): median, lowest, highest. */
  health: { requestsPerSecond: number; lowest: number; highest: number };
  endpoints: EndpointResult[];
  aims: typeof AIMS & { met: boolean; misses: string[] };
}

export interface SuiteOptions {
  baseUrl: string;
  endpoints: Endpoint[];
  viewers: ChosenViewer[];
  /** A fresh token for a viewer (they expire within minutes). */
  token(username: string): Promise<string>;
  duration: number;
  connections: number;
}

export async function runSuite(o: SuiteOptions): Promise<SuiteResult> {
  const load = { duration: o.duration, connections: o.connections };
  const run = async (path: string, token?: string) => {
    await warm(`${o.baseUrl}${path}`, token, { ...load, duration: WARM_UP_SECONDS });
    return warm(`${o.baseUrl}${path}`, token, load);
  };
  // Every viewer's first request reads the role hierarchy and opens pool connections: not any
  // endpoint's cost. A query parameter no endpoint accepts passes the guard, then fails validation.
  for (const v of o.viewers)
    await cold(`${o.baseUrl}${o.endpoints[0].path.split('?')[0]}?benchPrime=1`, await o.token(v.username));
  const endpoints: EndpointResult[] = [];
  for (const endpoint of o.endpoints) {
    // Other work on a shared machine comes and goes: the bar is measured beside what it judges.
    await settle(o.baseUrl);
    const health = await run('/health');
    const results = {} as Record<ChosenViewer['kind'], ViewerResult>;
    for (const viewer of o.viewers) {
      const where = `${endpoint.path} as ${viewer.kind}`;
      await settle(o.baseUrl);
      const token = await o.token(viewer.username);
      const { body, ...first } = await cold(`${o.baseUrl}${endpoint.path}`, token);
      if (first.status >= 300) log(`${where}: ${first.status} ${body.slice(0, 500)}`);
      if (first.status === 403) {
        results[viewer.kind] = { cold: first, forbidden: messageOf(body) };
        continue;
      }
      const steady = await run(endpoint.path, token);
      if (steady.firstError)
        log(
          `${where}: ${steady.non2xx} non-2xx, first ${steady.firstError.status} ${steady.firstError.body.slice(0, 500)}`,
        );
      results[viewer.kind] = { cold: first, warm: steady };
      log(
        `${where}: cold ${first.ms} ms; warm p50 ${steady.p50} p95 ${steady.p95} p99 ${steady.p99} ms, ${steady.requestsPerSecond} req/s (/health ${health.requestsPerSecond})`,
      );
    }
    endpoints.push({ path: endpoint.path, summary: endpoint.summary, health, results });
  }
  const rates = endpoints.map((e) => e.health.requestsPerSecond).sort((a, b) => a - b);
  return {
    health: { requestsPerSecond: rates[Math.floor(rates.length / 2)], lowest: rates[0], highest: rates.at(-1)! },
    endpoints,
    aims: judge(endpoints),
  };
}

function judge(endpoints: EndpointResult[]): SuiteResult['aims'] {
  const misses: string[] = [];
  for (const e of endpoints) {
    for (const [kind, r] of Object.entries(e.results)) {
      if (!r.warm) continue;
      r.ratioToHealth = Math.round((r.warm.requestsPerSecond / e.health.requestsPerSecond) * 1000) / 1000;
      const where = `${e.path} as ${kind}`;
      if (r.warm.requests === 0) misses.push(`${where}: no answer within the run`);
      if (r.warm.p95 >= AIMS.p95Ms) misses.push(`${where}: p95 ${r.warm.p95} ms`);
      if (r.ratioToHealth < AIMS.ratioToHealth) misses.push(`${where}: ${r.ratioToHealth} of /health's throughput`);
      if (r.warm.non2xx > 0 || r.warm.errors > 0 || r.cold.status >= 300)
        misses.push(`${where}: non-2xx answers or errors`);
    }
  }
  return { ...AIMS, met: misses.length === 0, misses };
}

/**
 * Waits until the backend answers /health again: requests still queued from a slow endpoint's run
 * (autocannon stops sending, the server is still working) must not count against the next one.
 */
async function settle(baseUrl: string): Promise<void> {
  const until = performance.now() + 120_000;
  while (performance.now() < until) {
    const response = await fetch(`${baseUrl}/health`).catch(() => undefined);
    await response?.arrayBuffer();
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  log('the backend did not answer /health within two minutes; measuring on regardless');
}

function messageOf(body: string): string {
  try {
    return String((JSON.parse(body) as { message?: unknown }).message ?? body);
  } catch {
    return body.slice(0, 200);
  }
}
