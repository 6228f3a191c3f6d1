// What to measure, read from the running backend's OpenAPI document: every GET under /api that
// takes no path parameter, except the event stream. Endpoints are being added all the time; the
// bench measures whatever exists when it runs. A required query parameter takes the document's
// example (every parameter should have one); an endpoint whose required parameter has none is
// skipped and listed as such.

export interface Endpoint {
  /** Path and query, as requested. */
  path: string;
  summary?: string;
}

export interface Skipped {
  path: string;
  reason: string;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  schema?: { example?: unknown; default?: unknown; enum?: unknown[] };
}

interface OpenApi {
  paths: Record<string, Record<string, { parameters?: Parameter[]; summary?: string }>>;
}

/** Server-sent events: a stream that never completes, not a request to time. */
const STREAMS = new Set(['/api/events']);

export async function discoverEndpoints(baseUrl: string): Promise<{ endpoints: Endpoint[]; skipped: Skipped[] }> {
  const response = await fetch(`${baseUrl}/docs-json`);
  if (!response.ok) throw new Error(`GET /docs-json answered ${response.status}`);
  const document = (await response.json()) as OpenApi;
  const endpoints: Endpoint[] = [];
  const skipped: Skipped[] = [];
  for (const [path, operations] of Object.entries(document.paths).sort(([a], [b]) => a.localeCompare(b))) {
    const get = operations.get;
    if (!get || !path.startsWith('/api/') || path.includes('{') || STREAMS.has(path)) continue;
    const query = new URLSearchParams();
    let missing: string | undefined;
    for (const p of get.parameters ?? []) {
      if (p.in !== 'query' || !p.required) continue;
      const value = p.example ?? p.schema?.example ?? p.schema?.default ?? p.schema?.enum?.[0];
      if (value === undefined) missing = p.name;
      else query.set(p.name, String(value));
    }
    if (missing) skipped.push({ path, reason: `required query parameter "${missing}" has no example` });
    else endpoints.push({ path: query.size > 0 ? `${path}?${query}` : path, summary: get.summary });
  }
  return { endpoints, skipped };
}
