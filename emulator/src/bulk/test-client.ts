// Test helper: an emulated org, a jsforce connection to it, and plain-HTTP calls to its Bulk API 2.0
// query endpoints (jsforce has no call for most of them), with results parsed back from CSV.
import { parse } from 'csv-parse/sync';
import { Connection } from 'jsforce';
import { startTestOrg, type TestOrg } from '../../test/support.ts';
import type { EmulatorOptions } from '../index.ts';

export type Json = Record<string, unknown>;

export interface ResultPage {
  status: number;
  locator: string | null;
  numberOfRecords: number;
  contentType: string | null;
  text: string;
  /** Parsed rows, header row first. */
  rows: string[][];
}

export interface BulkTestOrg {
  org: TestOrg;
  conn: Connection;
  /** Any request under /services/data/v66.0 (or `version`), with the session's bearer token. */
  call(method: string, path: string, body?: unknown, version?: string): Promise<Response>;
  /** POST /jobs/query and return the job info (fails the test unless 200). */
  createJob(body: Json): Promise<Json>;
  /** Polls GET /jobs/query/{id} until the job reaches `state`, and returns every state seen on the way. */
  waitFor(id: string, state: string): Promise<string[]>;
  /** One results page. */
  page(id: string, params?: { locator?: string; maxRecords?: number; delimiter?: string }): Promise<ResultPage>;
  /** Every page, following Sforce-Locator until `null`. */
  allPages(id: string, maxRecords?: number): Promise<ResultPage[]>;
  close(): Promise<void>;
}

export async function startBulkOrg(options: Partial<EmulatorOptions> = {}): Promise<BulkTestOrg> {
  const org = await startTestOrg(options);
  const conn = new Connection({ loginUrl: org.emulator.url, version: '66.0' });
  await conn.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: org.assertion() });

  const call = (method: string, path: string, body?: unknown, version = '66.0') =>
    fetch(`${org.emulator.url}/services/data/v${version}${path}`, {
      method,
      headers: { authorization: `Bearer ${conn.accessToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  const createJob = async (body: Json) => {
    const response = await call('POST', '/jobs/query', body);
    const json = (await response.json()) as Json;
    if (response.status !== 200) throw new Error(`create job: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

  const waitFor = async (id: string, state: string) => {
    const seen: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const info = (await (await call('GET', `/jobs/query/${id}`)).json()) as Json;
      if (seen.at(-1) !== info.state) seen.push(info.state as string);
      if (info.state === state) return seen;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`job ${id} never reached ${state}; seen ${seen.join(', ')}`);
  };

  const page = async (id: string, params: { locator?: string; maxRecords?: number; delimiter?: string } = {}) => {
    const query = new URLSearchParams();
    if (params.locator !== undefined) query.set('locator', params.locator);
    if (params.maxRecords !== undefined) query.set('maxRecords', String(params.maxRecords));
    const response = await call('GET', `/jobs/query/${id}/results${query.size ? `?${query}` : ''}`);
    const text = await response.text();
    return {
      status: response.status,
      locator: response.headers.get('sforce-locator'),
      numberOfRecords: Number(response.headers.get('sforce-numberofrecords')),
      contentType: response.headers.get('content-type'),
      text,
      rows: response.status === 200 ? (parse(text, { delimiter: params.delimiter ?? ',' }) as string[][]) : [],
    };
  };

  const allPages = async (id: string, maxRecords?: number) => {
    const pages: ResultPage[] = [];
    let locator: string | undefined;
    do {
      const next = await page(id, { locator, maxRecords });
      if (next.status !== 200) throw new Error(`results: ${next.status} ${next.text}`);
      pages.push(next);
      locator = next.locator === 'null' ? undefined : (next.locator ?? undefined);
    } while (locator !== undefined);
    return pages;
  };

  return { org, conn, call, createJob, waitFor, page, allPages, close: () => org.emulator.close() };
}

/** Header row and data rows of pages, as objects keyed by column. */
export function recordsOf(pages: ResultPage[]): Record<string, string>[] {
  return pages.flatMap(({ rows: [header, ...rows] }) =>
    rows.map((row) => Object.fromEntries(header.map((column, i) => [column, row[i]]))),
  );
}
