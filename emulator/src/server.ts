// Assembles the emulated org: its data, OAuth, REST, Streaming (CDC) and the dev controls, on one
// HTTP server that unmodified jsforce can point at as both login URL and instance URL.
import Fastify, { type FastifyInstance } from 'fastify';
import formBody from '@fastify/formbody';
import { OrgStore } from './org/store.ts';
import { SOBJECTS } from './org/schema.ts';
import { seedDemoOrg, type DemoOrg, type DemoOrgOptions } from './org/demoOrg.ts';
import { changeEventsOf, isChangeDataCaptureEntity } from './org/changeEvents.ts';
import { SessionStore } from './auth/sessions.ts';
import { registerOAuth, type ConnectedApp } from './auth/oauth.ts';
import { registerDataRoutes } from './rest/context.ts';
import { queryRoutes } from './rest/query.ts';
import { sobjectRoutes } from './rest/sobjects.ts';
import { registerControl } from './control/routes.ts';
import { StreamingServer } from './streaming/index.ts';

export interface EmulatorOptions {
  port?: number;
  host?: string;
  connectedApp: ConnectedApp;
  /** PEM private key standing for the org's signing certificate (per-user Pulse tokens). */
  orgSigningKey?: string;
  pulseAudience?: string;
  /** Highest REST API version served (default 66.0). */
  apiVersion?: string;
  /** Access token lifetime (default 2 hours, as a Salesforce session's default timeout). */
  sessionLifetimeMs?: number;
  streaming?: { longPollTimeoutMs?: number; retentionMs?: number; clientTimeoutMs?: number };
  /** Demo data to load at start; false for an empty org. */
  demo?: DemoOrgOptions | false;
  clock?: () => number;
  logger?: boolean;
}

export interface RunningEmulator {
  url: string;
  store: OrgStore;
  sessions: SessionStore;
  streaming: StreamingServer;
  demo?: DemoOrg;
  app: FastifyInstance;
  close(): Promise<void>;
}

export const DEMO_ORG_ID = '00D5g000004PULSEAAA';

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const clock = options.clock ?? Date.now;
  const apiVersion = options.apiVersion ?? '66.0';
  const store = new OrgStore({ orgId: DEMO_ORG_ID, clock });
  const demo = options.demo === false ? undefined : seedDemoOrg(store, options.demo ?? {});
  const sessions = new SessionStore({
    orgId: store.orgId,
    lifetimeMs: options.sessionLifetimeMs ?? 2 * 3_600_000,
    clock,
  });
  const streaming = new StreamingServer({
    entities: SOBJECTS.map((s) => s.name).filter(isChangeDataCaptureEntity),
    authenticate: async (token) => {
      const session = sessions.resolve(token);
      return session ? { userId: session.userId, orgId: store.orgId } : null;
    },
    clock,
    ...options.streaming,
  });
  store.onCommit((tx) => {
    for (const event of changeEventsOf(tx, apiVersion)) streaming.publish(event);
  });

  const app = Fastify({ logger: options.logger ?? false, forceCloseConnections: true });
  await app.register(formBody);
  let url = '';
  const baseUrl = () => url;
  const rest = { store, sessions, apiVersion };
  registerOAuth(app, { store, sessions, connectedApp: options.connectedApp, baseUrl });
  registerDataRoutes(app, rest, queryRoutes(rest), sobjectRoutes(rest));
  registerControl(app, {
    store,
    sessions,
    orgSigningKey: options.orgSigningKey,
    pulseAudience: options.pulseAudience ?? 'pulse',
  });
  streaming.register(app);

  const address = await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  url = address;
  return {
    url,
    store,
    sessions,
    streaming,
    demo,
    app,
    async close() {
      await streaming.close();
      await app.close();
    },
  };
}
