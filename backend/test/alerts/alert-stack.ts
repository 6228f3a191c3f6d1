// What the alert tests stand on: the stream stack (emulator over HTTP, a database of their own, a
// backend started and stopped at will), plus per-user tokens, the API with any method, the
// outbox as rows, and "everything the org published so far is applied".
import { eventually } from '../support/eventually';
import { startStreamStack, type RunningBackend, type StreamStack } from '../stream/stream-stack';

export interface OutboxRow {
  id: string;
  dedup_key: string;
  user_id: string;
  subscription_id: string | null;
  rule_kind: string;
  sobject: string | null;
  record_id: string | null;
  title: string;
  body: string;
  link: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each rule's own facts
  payload: any;
  status: string;
  created_at: Date;
}

export interface AlertStack {
  stream: StreamStack;
  backend: RunningBackend;
  /** A demo user's Id, by the part of the username before '@'. */
  userId(name: string): string;
  token(name: string, options?: { viewAll?: boolean }): Promise<string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whichever JSON the route answers
  api(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Subscribes `name` through the API (201 expected); returns the subscription's id. */
  subscribe(name: string, body: Record<string, unknown>, options?: { viewAll?: boolean }): Promise<number>;
  outbox(where?: string, params?: unknown[]): Promise<OutboxRow[]>;
  /** Waits until the backend has applied every change event the org has published. */
  caughtUp(): Promise<void>;
  restart(prepare?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export async function startAlertStack(options: { opportunities?: number } = {}): Promise<AlertStack> {
  const stream = await startStreamStack({
    emulator: { demo: { opportunities: options.opportunities ?? 600 } },
    // The time-based rules run when a test says so (ScheduledRulesService.runOnce), never on their own.
    env: { ALERT_CHECK_INTERVAL_MINUTES: '0' },
  });
  const users = new Map<string, string>();
  for (const u of stream.emulator.store.scan('User')) users.set(String(u.Username).split('@')[0], u.Id);

  const stack: AlertStack = {
    stream,
    backend: await stream.start(),
    userId(name) {
      const id = users.get(name);
      if (!id) throw new Error(`no demo user ${name}`);
      return id;
    },
    async token(name, { viewAll } = {}) {
      const response = await fetch(`${stream.emulator.url}/emulator/user-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `${name}@pulse.demo`, viewAll }),
      });
      return ((await response.json()) as { token: string }).token;
    },
    async api(method, path, token, body) {
      const response = await fetch(`${await stack.backend.app.getUrl()}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async subscribe(name, body, opts) {
      const created = await stack.api('POST', '/api/alerts/subscriptions', await stack.token(name, opts), body);
      if (created.status !== 201)
        throw new Error(`subscribing ${name}: ${created.status} ${JSON.stringify(created.body)}`);
      return created.body.id;
    },
    async outbox(where = 'TRUE', params = []) {
      return (await stream.sql.query(`SELECT * FROM alert_outbox WHERE ${where} ORDER BY id`, params)).rows;
    },
    async caughtUp() {
      const last = stream.emulator.streaming.retainedReplayIds.at(-1) ?? 0;
      await eventually(() => expect(stack.backend.sync.status.lastReplayId ?? 0).toBeGreaterThanOrEqual(last), 20_000);
    },
    async restart(prepare) {
      await stack.backend.stop();
      await prepare?.();
      stack.backend = await stream.start();
    },
    close: () => stream.close(),
  };
  return stack;
}
