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
import { frameworkErrors, registerErrorHandlers } from './rest/errorHandlers.ts';
import { queryRoutes } from './rest/query.ts';
import { sobjectRoutes } from './rest/sobjects.ts';
import { compositeRoutes } from './rest/composite.ts';
import { ApiLimits, limitsRoutes } from './rest/limits.ts';
import { customNotificationRoutes } from './rest/customNotifications.ts';
import { NotificationLog, registerNotificationControl } from './rest/notificationLog.ts';
import { ensurePulseNotificationType } from './org/demo/notificationTypes.ts';
import { FaultInjector } from './faults/injector.ts';
import { bulkQueryRoutes, type BulkOptions } from './bulk/index.ts';
import { registerControl } from './control/routes.ts';
import { StreamingServer } from './streaming/index.ts';
import { demoOrgOf, OrgStateFile } from './persistence/index.ts';
import { Traffic, type TrafficOptions } from './traffic/traffic.ts';

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
  /** Daily API request allocation, over a rolling 24 hours (default 100,000, as Enterprise). */
  dailyApiRequests?: number;
  streaming?: { longPollTimeoutMs?: number; retentionMs?: number; clientTimeoutMs?: number };
  /** Bulk API 2.0 query jobs: queue and processing delays, default page size, retention. */
  bulk?: BulkOptions;
  /** Demo data to load at start; false for an empty org. */
  demo?: DemoOrgOptions | false;
  /**
   * Keeps the org in this file across restarts (NDJSON; gzipped when the name ends in .gz): loaded
   * at start when it exists (instead of the demo), saved after commits and on close.
   */
  stateFile?: string;
  /** How soon after a commit the state file is rewritten (default 1 s). */
  stateSaveDelayMs?: number;
  /** Live traffic: the org keeps changing at this rate, as a sales team would. */
  traffic?: TrafficOptions;
  clock?: () => number;
  logger?: boolean;
}

export interface RunningEmulator {
  url: string;
  store: OrgStore;
  sessions: SessionStore;
  streaming: StreamingServer;
  limits: ApiLimits;
  /** Fault injection, as the /emulator/faults control API drives it. */
  faults: FaultInjector;
  /** Custom notifications sent through customNotificationAction (also GET /emulator/notifications). */
  notifications: NotificationLog;
  demo?: DemoOrg;
  /** Present with the stateFile option: save() writes the org now. */
  stateFile?: OrgStateFile;
  traffic?: Traffic;
  app: FastifyInstance;
  close(): Promise<void>;
}

export const DEMO_ORG_ID = '00D5g000004PULSEAAA';

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const clock = options.clock ?? Date.now;
  const apiVersion = options.apiVersion ?? '66.0';
  const store = new OrgStore({ orgId: DEMO_ORG_ID, clock });
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
  // A saved org replaces the demo, replay log included, so stored replayIds survive a restart.
  const stateFile = options.stateFile
    ? new OrgStateFile({ file: options.stateFile, store, replayLog: streaming, saveDelayMs: options.stateSaveDelayMs })
    : undefined;
  const restored = (await stateFile?.load()) === true;
  const demo = restored
    ? demoOrgOf(store)
    : options.demo === false
      ? undefined
      : seedDemoOrg(store, options.demo ?? {});
  // The demo org has Pulse's package installed, so its notification type (older state files lack it).
  if (demo) ensurePulseNotificationType(store, demo.adminUserId);
  if (stateFile) {
    store.onCommit(() => stateFile.changed());
    if (!restored) stateFile.changed();
  }

  const limits = new ApiLimits({ dailyApiRequests: options.dailyApiRequests ?? 100_000, clock });
  const faults = new FaultInjector({ store, sessions, streaming, limits });
  const notifications = new NotificationLog();

  const app = Fastify({ logger: options.logger ?? false, forceCloseConnections: true, frameworkErrors });
  await app.register(formBody);
  registerErrorHandlers(app);
  faults.register(app);
  let url = '';
  const baseUrl = () => url;
  const rest = { store, sessions, apiVersion, limits };
  registerOAuth(app, { store, sessions, connectedApp: options.connectedApp, baseUrl });
  registerDataRoutes(
    app,
    rest,
    queryRoutes(rest),
    sobjectRoutes(rest),
    bulkQueryRoutes(rest, options.bulk),
    compositeRoutes(rest),
    limitsRoutes(rest, () => streaming.clientIds.length),
    customNotificationRoutes(rest, notifications),
  );
  registerControl(app, {
    store,
    sessions,
    orgSigningKey: options.orgSigningKey,
    pulseAudience: options.pulseAudience ?? 'pulse',
    consumerKey: options.connectedApp.consumerKey,
  });
  registerNotificationControl(app, notifications);
  streaming.register(app);

  const address = await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  url = address;
  const traffic = options.traffic ? new Traffic(store, options.traffic) : undefined;
  traffic?.start();
  return {
    url,
    store,
    sessions,
    streaming,
    limits,
    faults,
    notifications,
    demo,
    app,
    stateFile,
    traffic,
    async close() {
      traffic?.stop();
      await streaming.close();
      await app.close();
      // Last, once no request can change the org any more.
      await stateFile?.close();
    },
  };
}
