// Injected network trouble on every request but the control API's: added latency (with optional
// jitter) and a share of requests failed with a 5xx in Salesforce's error shape. Both draw from
// seeded generators, so one seed gives the same sequence of delays and failures every run.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fail, integerIn, numberIn, type Body } from './input.ts';
import { seededRandom } from './random.ts';

export interface Latency {
  ms: number;
  /** Up to this much more, drawn per request. */
  jitterMs: number;
  seed: number;
}

export interface Failures {
  /** Share of requests failed, 0..1. */
  rate: number;
  status: 500 | 503;
  seed: number;
  /** Requests seen and failed since the fault was set. */
  seen: number;
  failed: number;
}

const MAX_LATENCY_MS = 120_000;

/** What Salesforce answers with each status (REST's error array). */
const BODIES: Record<Failures['status'], { errorCode: string; message: string }[]> = {
  500: [
    {
      errorCode: 'UNKNOWN_EXCEPTION',
      message:
        'An unexpected error occurred. Please include this ErrorId if you contact support: 1795536105-41235 (-1204781412)',
    },
  ],
  503: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'Server Unavailable' }],
};

export class NetworkFaults {
  #latency?: Latency;
  #jitter = seededRandom(0);
  #failures?: Failures;
  #draw = seededRandom(0);

  setLatency(body: Body): Latency {
    const ms = integerIn(body, 'ms', 0, MAX_LATENCY_MS);
    const jitterMs = integerIn(body, 'jitterMs', 0, MAX_LATENCY_MS, 0);
    const seed = integerIn(body, 'seed', 0, 2 ** 32 - 1, 1);
    this.#latency = { ms, jitterMs, seed };
    this.#jitter = seededRandom(seed);
    return this.#latency;
  }

  setFailures(body: Body): Failures {
    const rate = numberIn(body, 'rate', 0, 1);
    const status = integerIn(body, 'status', 500, 503, 503);
    if (status !== 500 && status !== 503) fail(`status must be 500 or 503, got ${status}`);
    const seed = integerIn(body, 'seed', 0, 2 ** 32 - 1, 1);
    this.#failures = { rate, status: status as Failures['status'], seed, seen: 0, failed: 0 };
    this.#draw = seededRandom(seed);
    return this.#failures;
  }

  clearLatency(): void {
    this.#latency = undefined;
  }

  clearFailures(): void {
    this.#failures = undefined;
  }

  describe(): { latency: Latency | null; failures: Failures | null } {
    return { latency: this.#latency ?? null, failures: this.#failures ? { ...this.#failures } : null };
  }

  /** Fastify onRequest hook; the control API (/emulator/**) is never delayed or failed. */
  readonly onRequest = async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    if (request.url.startsWith('/emulator/')) return undefined;
    const latency = this.#latency;
    if (latency) await sleep(latency.ms + Math.floor(this.#jitter() * (latency.jitterMs + 1)));
    const failures = this.#failures;
    if (!failures) return undefined;
    failures.seen++;
    if (this.#draw() >= failures.rate) return undefined;
    failures.failed++;
    return reply.code(failures.status).type('application/json;charset=UTF-8').send(BODIES[failures.status]);
  };
}
