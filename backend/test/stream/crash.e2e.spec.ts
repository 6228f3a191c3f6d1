// A crash at any point neither loses nor double-applies a change: real backend processes are
// killed with SIGKILL at random moments, while the org keeps changing, during streaming and during
// the initial load; a new process takes over each time, and the mirror ends equal to the org.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { eventually } from '../support/eventually';
import { startStreamStack, type StreamStack } from './stream-stack';

jest.setTimeout(180_000);

const CHILD = join(__dirname, 'child');

interface ChildBackend {
  process: ChildProcess;
  url: string;
  /** The sync's state as the process reports it on /health. */
  state(): Promise<string>;
  kill(): Promise<void>;
}

async function spawnBackend(stack: StreamStack): Promise<ChildBackend> {
  const child = spawn(
    process.execPath,
    ['--no-experimental-strip-types', '-r', join(CHILD, 'register.cjs'), join(CHILD, 'backend-child.ts')],
    { env: { ...process.env, ...stack.env, LOG_FORMAT: 'json' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /LISTENING (\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the backend exited (${code}):\n${output}`)));
  });
  return {
    process: child,
    url,
    async state() {
      const response = await fetch(`${url}/health`);
      return ((await response.json()) as { info: { sync: { state: string } } }).info.sync.state;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A small seeded generator: the same kill points every run (the seed is in the test name). */
function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Keeps changing the org: several objects, creates, updates, deletes, one transaction each. */
function churn(stack: StreamStack, tag: string) {
  const { store } = stack.emulator;
  const live = (sobject: string) => [...store.scan(sobject)].filter((r) => r.IsDeleted !== true);
  let stopped = false;
  let n = 0;
  const run = (async () => {
    while (!stopped) {
      const i = n++;
      const deals = live('Opportunity');
      store.transact(stack.adminUserId, (tx) => {
        tx.update('Opportunity', deals[(i * 31) % deals.length].Id, { NextStep: `${tag} ${i}`, Amount: 1_000 + i });
        if (i % 2 === 0) tx.update('Account', live('Account')[i % 50].Id, { NumberOfEmployees: i });
        if (i % 5 === 0) tx.create('Task', { Subject: `${tag} ${i}`, WhatId: deals[i % deals.length].Id });
        if (i % 7 === 0) tx.delete('Opportunity', deals[(i * 17 + 3) % deals.length].Id);
        if (i % 11 === 0)
          tx.update('Contact', live('Contact')[i % 40].Id, { MailingCity: i % 22 === 0 ? null : `${tag}` });
      });
      await new Promise((resolve) => setTimeout(resolve, 8));
    }
  })();
  return {
    get transactions() {
      return n;
    },
    async stop() {
      stopped = true;
      await run;
    },
  };
}

describe('SIGKILL at random points', () => {
  let stack: StreamStack | undefined;
  let backend: ChildBackend | undefined;

  afterEach(async () => {
    await backend?.kill();
    await stack?.close();
    stack = undefined;
  });

  it('during streaming (seed 4242): every change ends in the mirror', async () => {
    const next = random(4242);
    stack = await startStreamStack();
    backend = await spawnBackend(stack);
    await eventually(async () => expect(await backend!.state()).toBe('streaming'), 60_000, 100);
    const changes = churn(stack, 'streaming');
    for (let kill = 0; kill < 4; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 200 + next() * 800));
      await backend.kill();
      backend = await spawnBackend(stack);
      await eventually(async () => expect(await backend!.state()).toBe('streaming'), 60_000, 100);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    await changes.stop();
    expect(changes.transactions).toBeGreaterThan(50);

    const last = stack.emulator.streaming.retainedReplayIds.at(-1)!;
    await eventually(async () => expect(Number((await stack!.position()).replay_id)).toBe(last), 30_000, 100);
    await stack.eventuallyEqual(30_000);
  });

  it('during the initial load (seed 77): the load resumes and nothing is lost', async () => {
    const next = random(77);
    stack = await startStreamStack();
    stack.emulator.faults.setLatency({ ms: 40 });
    backend = await spawnBackend(stack);
    await eventually(async () => expect(await backend!.state()).toBe('loading'), 60_000, 50);
    const changes = churn(stack, 'loading');
    const killedWhile: string[] = [];
    for (let kill = 0; kill < 3; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 300 + next() * 1_200));
      killedWhile.push(await backend.state().catch(() => 'starting'));
      await backend.kill();
      backend = await spawnBackend(stack);
    }
    expect(killedWhile).toContain('loading');
    stack.emulator.faults.clearLatency();
    await eventually(async () => expect(await backend!.state()).toBe('streaming'), 60_000, 100);
    await changes.stop();
    expect((await stack.position()).load_started_at).not.toBeNull();
    await stack.eventuallyEqual(30_000);
  });
});
