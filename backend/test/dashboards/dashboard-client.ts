// HTTP for the dashboard tests: any method, JSON bodies, conditional headers, and the demo
// org's users and roles as the mirror holds them.
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Stack } from '../support/stack';

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whichever JSON the route answers
  body: any;
  headers: Headers;
}

export interface Call {
  token?: string;
  /** Sent as JSON unless it is a string. */
  body?: unknown;
  headers?: Record<string, string>;
}

export function client(stack: Stack) {
  const db = () => stack.app.get(DataSource);
  return {
    db,
    async call(method: string, path: string, { token, body, headers = {} }: Call = {}): Promise<Answer> {
      const response = await fetch(`${stack.baseUrl}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
    },
    /** A demo user's token; `viewAll`: they hold Pulse_View_All_Data (an admin). */
    token: (name: string, viewAll = false) => stack.userToken(`${name}@pulse.demo`, { viewAll }),
    async roleId(name: string): Promise<string> {
      const [row] = await db().query(`SELECT salesforce_id AS id FROM user_role WHERE name = $1`, [name]);
      if (!row) throw new Error(`No role ${name} in the mirror`);
      return row.id;
    },
    async userId(name: string): Promise<string> {
      const [row] = await db().query(`SELECT salesforce_id AS id FROM sf_user WHERE username = $1`, [
        `${name}@pulse.demo`,
      ]);
      if (!row) throw new Error(`No user ${name} in the mirror`);
      return row.id;
    },
    /** The stored row, read straight from the table. */
    async row(kind: 'user' | 'team', ownerId: string) {
      const [row] = await db().query(
        `SELECT document, version, updated_by AS "updatedBy" FROM dashboard_layout WHERE kind = $1 AND owner_id = $2`,
        [kind, ownerId],
      );
      return row as { document: unknown; version: number; updatedBy: string } | undefined;
    },
  };
}

export interface WidgetSpec {
  type?: string;
  row?: number;
  column?: number;
  columns?: number;
  rows?: number;
  settings?: Record<string, unknown>;
}

/** A widget with a fresh id, 4 columns by 3 rows at the top left unless told otherwise. */
export function widget({
  type = 'pipelineByStage',
  row = 1,
  column = 1,
  columns = 4,
  rows = 3,
  settings,
}: WidgetSpec = {}) {
  return {
    id: randomUUID(),
    type,
    position: { row, column },
    size: { columns, rows },
    ...(settings ? { settings } : {}),
  };
}

export const layout = (...widgets: unknown[]) => ({ schemaVersion: 1, widgets });
