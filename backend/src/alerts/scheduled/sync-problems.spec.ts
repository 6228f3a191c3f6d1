import { syncProblems } from './sync-problems';

const now = new Date('2026-11-24T10:00:00Z');
const healthy = {
  state: 'streaming',
  reasons: [] as string[],
  objects: [
    { sobject: 'Opportunity', state: 'streaming' },
    { sobject: 'OpportunityHistory', state: 'polling' },
  ],
  recentErrors: [] as { occurredAt: string; message: string }[],
};
type Status = Parameters<typeof syncProblems>[0];
const check = (over: Partial<typeof healthy>, lagMs: number | null = 100, maxLagSeconds = 60) =>
  syncProblems({ ...healthy, ...over } as unknown as Status, lagMs, maxLagSeconds, now);

describe('syncProblems', () => {
  it('nothing while streaming, every object current, changes applied in time, no recent errors', () => {
    expect(check({})).toEqual({ keys: [], lines: [] });
    expect(check({}, null).keys).toEqual([]);
  });

  it('names objects loading, resyncing or failed, and a sync that is not streaming', () => {
    const status = {
      state: 'retrying',
      reasons: ['the sync is retrying (ECONNRESET)', 'Opportunity is being resynchronised'],
      objects: [
        { sobject: 'Opportunity', state: 'resyncing' },
        { sobject: 'Account', state: 'error' },
      ],
    };
    const problems = check(status);
    expect(problems.keys).toEqual(['sync:retrying', 'Opportunity:resyncing', 'Account:error']);
    expect(problems.lines).toEqual(status.reasons);
  });

  it('any other reason the mirror is not trustworthy counts once, under a stable key', () => {
    expect(check({ reasons: ['Period was last polled 5 min ago (every 30 s expected)'] }).keys).toEqual(['untrusted']);
  });

  it('lag: how late the last change was applied, against the bound', () => {
    expect(check({}, 60_000).keys).toEqual([]);
    const late = check({}, 90_000);
    expect(late.keys).toEqual(['lag']);
    expect(late.lines[0]).toBe('changes are applied 90 s after Salesforce commits them (your limit is 60 s)');
  });

  it('errors in the last hour, not older ones', () => {
    const errors = [
      { occurredAt: '2026-11-24T09:30:00Z', message: 'Polling Period failed: timeout' },
      { occurredAt: '2026-11-24T08:00:00Z', message: 'old' },
    ];
    const problems = check({ recentErrors: errors });
    expect(problems.keys).toEqual(['errors']);
    expect(problems.lines).toEqual(['1 sync error(s) in the last hour; the latest: Polling Period failed: timeout']);
    expect(check({ recentErrors: [errors[1]] }).keys).toEqual([]);
  });
});
