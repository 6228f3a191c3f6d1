// Every fault the emulated org can inject, for tests and the CLI: each method takes the control
// API's JSON body, checks it (FaultInputError = 400) and answers JSON.
import type { FastifyInstance } from 'fastify';
import type { OrgStore } from '../org/store.ts';
import type { SessionStore } from '../auth/sessions.ts';
import type { StreamingServer } from '../streaming/index.ts';
import type { ApiLimits } from '../rest/limits.ts';
import { describeSObject } from '../org/schema.ts';
import { isChangeDataCaptureEntity } from '../org/changeEvents.ts';
import { to18 } from '../org/ids.ts';
import { WriteError } from '../org/values.ts';
import { GAP_CHANGE_TYPES, gapEvents, overflowEvent, type GapChangeType } from './gapEvents.ts';
import { cdcEntityOf, commitOf, sobjectOf, userIdOf } from './orgLookups.ts';
import { fail, FaultInputError, integerIn, optionalString, requiredString, stringList, type Body } from './input.ts';
import { NetworkFaults } from './network.ts';
import { registerFaultRoutes } from './routes.ts';

export interface FaultTargets {
  store: OrgStore;
  sessions: SessionStore;
  streaming: StreamingServer;
  limits: ApiLimits;
}

export class FaultInjector {
  readonly network = new NetworkFaults();
  readonly #t: FaultTargets;

  constructor(targets: FaultTargets) {
    this.#t = targets;
  }

  /** Adds the latency/failure hook to every route of `app` and the control API under /emulator/faults. */
  register(app: FastifyInstance): void {
    app.addHook('onRequest', this.network.onRequest);
    registerFaultRoutes(app, this);
  }

  /** What is in force now (one-shot faults leave nothing behind). */
  describe() {
    const { limits } = this.#t;
    return {
      ...this.network.describe(),
      apiLimits: limits.injected
        ? { used: limits.used, remaining: limits.remaining, max: limits.dailyApiRequests }
        : null,
    };
  }

  clear() {
    this.network.clearLatency();
    this.network.clearFailures();
    this.#t.limits.clearInjected();
    return this.describe();
  }

  /** Ends every live access token, or one user's; refresh tokens survive, as after a timeout. */
  expireSessions(body: Body) {
    const username = optionalString(body, 'username');
    return {
      expired: this.#t.sessions.expireAll(username === undefined ? undefined : userIdOf(this.#t.store, username)),
    };
  }

  dropStreamingClients(body: Body) {
    return { dropped: this.#t.streaming.dropClient(optionalString(body, 'clientId') ?? 'all') };
  }

  /** Makes events up to a replayId (default: all retained) unreplayable, as after 72 hours. */
  trimReplayLog(body: Body) {
    const retained = this.#t.streaming.retainedReplayIds;
    const last = retained.at(-1) ?? 0;
    const through = integerIn(body, 'throughReplayId', 0, Number.MAX_SAFE_INTEGER, last);
    this.#t.streaming.expireReplayLogThrough(through);
    return { trimmedThrough: through, retained: this.#t.streaming.retainedReplayIds.length };
  }

  emitGapEvents(body: Body) {
    const changeType = requiredString(body, 'changeType') as GapChangeType;
    if (!GAP_CHANGE_TYPES.includes(changeType))
      fail(`changeType must be one of ${GAP_CHANGE_TYPES.join(', ')}, got "${changeType}"`);
    const byEntity = new Map<string, string[]>();
    for (const id of stringList(body, 'recordIds')) {
      const entity = cdcEntityOf(id);
      byEntity.set(entity, [...(byEntity.get(entity) ?? []), to18(id)]);
    }
    const events = gapEvents(changeType, byEntity, commitOf(this.#t.store, optionalString(body, 'username')));
    return {
      events: events.map((e) => ({
        replayId: this.#t.streaming.publish(e),
        entityName: e.ChangeEventHeader.entityName,
        recordIds: e.ChangeEventHeader.recordIds,
      })),
    };
  }

  emitOverflow(body: Body) {
    const entityName = requiredString(body, 'entityName');
    const describe = describeSObject(entityName);
    if (!describe || !isChangeDataCaptureEntity(describe.name))
      fail(`entityName must name an entity selected for Change Data Capture, got "${entityName}"`);
    return {
      replayId: this.#t.streaming.publish(
        overflowEvent(describe.name, commitOf(this.#t.store, optionalString(body, 'username'))),
      ),
    };
  }

  /** Changes a record as a formula or a direct database write would: no event at all. */
  writeWithoutEvent(body: Body) {
    const recordId = requiredString(body, 'recordId');
    const values = body.values;
    if (typeof values !== 'object' || values === null || Array.isArray(values) || Object.keys(values).length === 0)
      fail('values must be an object of field names to values');
    try {
      return { record: this.#t.store.writeSilently(sobjectOf(recordId), recordId, values as Body) };
    } catch (error) {
      if (error instanceof WriteError) throw new FaultInputError(`${error.errorCode}: ${error.message}`);
      throw error;
    }
  }

  setLatency(body: Body) {
    return { latency: this.network.setLatency(body) };
  }

  setFailures(body: Body) {
    return { failures: this.network.setFailures(body) };
  }

  /** Leaves exactly `remaining` API requests in the daily allocation (0: the next one is refused). */
  setApiRemaining(body: Body) {
    const { limits } = this.#t;
    limits.setRemaining(integerIn(body, 'remaining', 0, limits.dailyApiRequests, 0));
    return { used: limits.used, remaining: limits.remaining, max: limits.dailyApiRequests };
  }

  clearLatency() {
    this.network.clearLatency();
    return this.describe();
  }

  clearFailures() {
    this.network.clearFailures();
    return this.describe();
  }

  clearApiLimits() {
    this.#t.limits.clearInjected();
    return this.describe();
  }
}
