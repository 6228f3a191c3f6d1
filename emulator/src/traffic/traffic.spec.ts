import { seedDemoOrg } from '../org/demo/index.ts';
import { OrgStore, type CommittedTransaction } from '../org/store.ts';
import { Traffic } from './traffic.ts';

function demo() {
  const store = new OrgStore({ orgId: '00D000000000001AAA', clock: () => Date.UTC(2026, 10, 24, 12) });
  seedDemoOrg(store, { seed: 3, now: Date.UTC(2026, 10, 24, 12) });
  const commits: CommittedTransaction[] = [];
  store.onCommit((tx) => commits.push(tx));
  return { store, commits };
}

describe('Traffic', () => {
  it('makes every kind of change a sales team makes, each as a committed transaction', () => {
    const { store, commits } = demo();
    const traffic = new Traffic(store, { eventsPerSecond: 1, seed: 9 });
    const made = Array.from({ length: 300 }, () => traffic.step()).filter(Boolean) as string[];
    expect(made.length).toBeGreaterThan(250);
    for (const kind of [
      /-> /,
      /new deal of \d+/,
      /: won$/,
      /: lost$/,
      /close date pushed to \d{4}-\d{2}-\d{2}$/,
      /(call|email) logged$/,
    ]) {
      expect(made.some((d) => kind.test(d))).toBe(true);
    }
    expect(commits).toHaveLength(made.length);
    const touched = commits.flatMap((tx) => tx.changes.map((c) => c.sobject));
    expect(new Set(touched)).toEqual(new Set(['Opportunity', 'OpportunityHistory', 'Task']));
  });

  it('never changes a deal after it closed', () => {
    const { store, commits } = demo();
    const traffic = new Traffic(store, { eventsPerSecond: 1, seed: 4 });
    for (let i = 0; i < 400; i++) traffic.step();
    const closedAt = new Map<string, number>();
    commits.forEach((tx, i) => {
      for (const c of tx.changes) {
        if (c.sobject !== 'Opportunity' || c.changeType !== 'UPDATE') continue;
        expect(closedAt.has(c.id)).toBe(false);
        if (c.fields.IsClosed === true) closedAt.set(c.id, i);
      }
    });
    expect(closedAt.size).toBeGreaterThan(0);
  });

  it('is deterministic for a seed', () => {
    const run = (seed: number) => {
      const traffic = new Traffic(demo().store, { eventsPerSecond: 1, seed });
      return Array.from({ length: 50 }, () => traffic.step());
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('runs on its own at the configured rate until stopped', async () => {
    const { store } = demo();
    const traffic = new Traffic(store, { eventsPerSecond: 100, seed: 1 });
    traffic.start();
    await new Promise((resolve) => setTimeout(resolve, 400));
    traffic.stop();
    const made = traffic.changes;
    expect(made).toBeGreaterThanOrEqual(10);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(traffic.changes).toBe(made);
  });

  it('refuses a rate that is not a positive number', () => {
    expect(() => new Traffic(demo().store, { eventsPerSecond: 0 })).toThrow(
      'traffic needs a positive number of events per second, got 0',
    );
  });
});
