// An unmodified jsforce CometD subscriber that notes when each update's event arrives.
import type { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/lib/api/streaming.js';
import type { Progress } from './progress.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Subscriber {
  /** Waits until every sent update (NextStep -> sent at) arrived, or a minute passed; returns latencies in ms. */
  arrivals(sent: Map<string, number>): Promise<number[]>;
  /** When the last of these updates arrived (performance.now()), 0 if none did. */
  lastArrival(sent: Map<string, number>): number;
  leave(): Promise<void>;
}

export async function subscribe(conn: Connection, channel: string, progress: Progress): Promise<Subscriber> {
  const received = new Map<string, number>();
  const client = conn.streaming.createClient([new StreamingExtension.Replay(channel, -1)]);
  await new Promise((resolve, reject) => {
    client
      .subscribe(channel, (data: { payload: { NextStep?: unknown } }) => {
        if (typeof data.payload.NextStep === 'string') received.set(data.payload.NextStep, performance.now());
      })
      .then(resolve, reject);
  });
  return {
    async arrivals(sent) {
      const deadline = performance.now() + 60_000;
      const missing = () => [...sent.keys()].filter((step) => !received.has(step)).length;
      for (let left = missing(); left > 0 && performance.now() < deadline; left = missing()) {
        progress.update(`${sent.size - left}/${sent.size} delivered`);
        await sleep(5);
      }
      return [...sent].filter(([step]) => received.has(step)).map(([step, at]) => received.get(step)! - at);
    },
    lastArrival: (sent) => Math.max(0, ...[...sent.keys()].map((step) => received.get(step) ?? 0)),
    async leave() {
      // faye retries forever if the server goes first; jsforce's typings omit faye's disconnect().
      const leaving = (client as unknown as { disconnect(): PromiseLike<unknown> | undefined }).disconnect();
      if (leaving) await new Promise((resolve) => leaving.then(resolve, resolve));
    },
  };
}
