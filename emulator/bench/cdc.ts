// Change Data Capture: updates committed through the store's transactions, turned into change
// events and delivered over CometD to an unmodified jsforce subscriber (in this process, so client
// and server share one CPU). Baselines from the same run: the bare store's transaction rate (no
// listeners) and the emulator store's (events published, nobody subscribed).
import { OrgStore } from '../src/org/store.ts';
import { seedDemoOrg } from '../src/org/demoOrg.ts';
import type { BenchOptions } from './args.ts';
import { updater } from './cdc-updates.ts';
import { subscribe, type Subscriber } from './cdc-subscriber.ts';
import { collectGarbage } from './heap.ts';
import { repeatSync, round, summarize } from './measure.ts';
import type { BenchOrg } from './org.ts';
import type { Progress } from './progress.ts';

const CHANNEL = '/data/OpportunityChangeEvent';
/** Paced run: updates a second (a very busy sales org). */
const PACED_PER_SECOND = 200;

const tick = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends `events` updates; with `yieldEvery`, lets the server answer polls between chunks (a live
 * pipeline), without it commits them all first (a backlog the subscriber then drains).
 */
async function burst(update: () => string, subscriber: Subscriber, events: number, yieldEvery: number | null) {
  collectGarbage();
  const sent = new Map<string, number>();
  const start = performance.now();
  for (let i = 0; i < events; i++) {
    sent.set(update(), performance.now());
    if (yieldEvery !== null && i % yieldEvery === yieldEvery - 1) await tick();
  }
  const published = performance.now();
  const latencies = await subscriber.arrivals(sent);
  // A backlog is timed from when it is all queued: that is the subscriber's draining rate.
  const from = yieldEvery === null ? published : start;
  const delivered = summarize(latencies, (subscriber.lastArrival(sent) - from) / 1000);
  return {
    events,
    delivered: delivered.count,
    publishSeconds: round((published - start) / 1000, 3),
    deliverySeconds: delivered.seconds,
    eventsPerSecond: delivered.perSecond,
    latencyMs: delivered.latencyMs,
  };
}

async function paced(update: () => string, subscriber: Subscriber, durationMs: number) {
  const sent = new Map<string, number>();
  const start = performance.now();
  for (let i = 0; performance.now() - start < durationMs; i++) {
    const due = start + (i * 1000) / PACED_PER_SECOND;
    if (due > performance.now()) await sleep(due - performance.now());
    sent.set(update(), performance.now());
  }
  const latency = summarize(await subscriber.arrivals(sent), (performance.now() - start) / 1000);
  return {
    eventsPerSecond: PACED_PER_SECOND,
    events: sent.size,
    delivered: latency.count,
    latencyMs: latency.latencyMs,
  };
}

export async function measureCdc(org: BenchOrg, options: BenchOptions, progress: Progress) {
  progress.phase('cdc baselines');
  const bare = new OrgStore({ orgId: '00D5g000004BENCHAA' });
  const bareUpdate = updater(bare, seedDemoOrg(bare, { seed: options.seed }).adminUserId);
  const storeOnly = repeatSync(options.durationMs, bareUpdate, (n) => progress.update(`bare store ${n}`));
  const update = updater(org.emulator.store, org.emulator.demo!.adminUserId);
  const withEvents = repeatSync(options.durationMs, update, (n) => progress.update(`store + events ${n}`));
  progress.done(`bare store ${storeOnly.perSecond} tx/s, with change events ${withEvents.perSecond} tx/s`);

  const subscriber = await subscribe(org.conn, CHANNEL, progress);
  const runs: Record<string, Awaited<ReturnType<typeof burst>>> = {};
  for (const [name, yieldEvery] of [
    ['interleaved', 100],
    ['backlog', null],
  ] as const) {
    progress.phase(`cdc ${name} burst to jsforce`);
    const run = (runs[name] = await burst(update, subscriber, options.events, yieldEvery));
    progress.done(
      `${run.delivered}/${run.events} events: ${run.eventsPerSecond}/s, ` +
        `p50 ${run.latencyMs.p50} ms, p95 ${run.latencyMs.p95} ms`,
    );
  }
  progress.phase(`cdc paced at ${PACED_PER_SECOND}/s`);
  const steady = await paced(update, subscriber, options.durationMs);
  progress.done(`${steady.delivered} events: p50 ${steady.latencyMs.p50} ms, p95 ${steady.latencyMs.p95} ms`);
  await subscriber.leave();

  return {
    channel: CHANNEL,
    transactionsPerSecond: { bareStore: storeOnly.perSecond, storeWithChangeEvents: withEvents.perSecond },
    /** Publisher yields every 100 commits, so the subscriber is served while updates keep coming. */
    interleavedBurstToJsforce: {
      ...runs.interleaved,
      shareOfStoreWithChangeEvents: round(runs.interleaved.eventsPerSecond / withEvents.perSecond, 3),
    },
    /** All commits first, then timed from the last commit until the subscriber has every event. */
    backlogDrainedByJsforce: runs.backlog,
    pacedToJsforce: steady,
  };
}
