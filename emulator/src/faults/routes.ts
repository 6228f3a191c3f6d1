// The fault injection control API: POST /emulator/faults/<fault> with a JSON body injects one,
// GET /emulator/faults shows what is in force, DELETE clears one or all. Off /services/** on
// purpose: no Salesforce client could ever call it, and injected faults never touch it.
import type { FastifyInstance } from 'fastify';
import type { FaultInjector } from './injector.ts';
import { bodyOf, FaultInputError, type Body } from './input.ts';

const INJECT: Record<string, (faults: FaultInjector, body: Body) => unknown> = {
  'sessions/expire': (f, body) => f.expireSessions(body),
  'streaming/drop-clients': (f, body) => f.dropStreamingClients(body),
  'streaming/trim-replay-log': (f, body) => f.trimReplayLog(body),
  'gap-events': (f, body) => f.emitGapEvents(body),
  'gap-overflow': (f, body) => f.emitOverflow(body),
  'write-without-event': (f, body) => f.writeWithoutEvent(body),
  latency: (f, body) => f.setLatency(body),
  failures: (f, body) => f.setFailures(body),
  'api-limits': (f, body) => f.setApiRemaining(body),
};

const CLEAR: Record<string, (faults: FaultInjector) => unknown> = {
  latency: (f) => f.clearLatency(),
  failures: (f) => f.clearFailures(),
  'api-limits': (f) => f.clearApiLimits(),
};

export function registerFaultRoutes(app: FastifyInstance, faults: FaultInjector): void {
  app.get('/emulator/faults', async () => faults.describe());
  app.delete('/emulator/faults', async () => faults.clear());
  for (const [name, inject] of Object.entries(INJECT)) {
    app.post(`/emulator/faults/${name}`, async (request, reply) => {
      try {
        return inject(faults, bodyOf(request.body));
      } catch (error) {
        if (error instanceof FaultInputError)
          return reply.code(400).send({ error: 'bad_request', message: error.message });
        throw error;
      }
    });
  }
  for (const [name, clear] of Object.entries(CLEAR)) app.delete(`/emulator/faults/${name}`, async () => clear(faults));
}
