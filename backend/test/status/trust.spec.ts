// The verdict an admin reads first: what makes the mirror untrustworthy, and what is only a note.
import { judgeTrust, type ObjectFacts, type TrustFacts } from '../../src/sync/status/trust';

const NOW = new Date('2026-11-24T10:00:00.000Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000);

const object = (sobject: string, extra: Partial<ObjectFacts> = {}): ObjectFacts => ({
  sobject,
  mode: 'stream',
  state: 'streaming',
  lastError: null,
  lastPolledAt: null,
  lastReconciliation: null,
  ...extra,
});

const facts = (extra: Partial<TrustFacts> = {}): TrustFacts => ({
  syncState: 'streaming',
  leaderHeld: true,
  syncError: null,
  objects: [
    object('Opportunity'),
    object('OpportunityStage', { mode: 'poll', state: 'polling', lastPolledAt: ago(5) }),
  ],
  pollIntervalSeconds: 30,
  reconcileIntervalMinutes: 15,
  recentErrors: 0,
  now: NOW,
  ...extra,
});

describe('judgeTrust', () => {
  it('trusts a streaming mirror whose polled objects are fresh', () => {
    expect(judgeTrust(facts())).toEqual({
      trustworthy: true,
      verdict: 'Trustworthy: every object is loaded and kept current.',
      reasons: [],
      notes: [],
    });
  });

  it('trusts a standby instance while another instance holds the lock, not when none does', () => {
    expect(judgeTrust(facts({ syncState: 'standby' })).trustworthy).toBe(true);
    expect(judgeTrust(facts({ syncState: 'standby', leaderHeld: false })).reasons).toEqual([
      'no instance holds the sync lock: nothing keeps the mirror current',
    ]);
  });

  it.each([
    ['loading', 'the sync is loading'],
    ['retrying', 'the sync is retrying (socket hang up)'],
    ['subscribing', 'the sync is subscribing (socket hang up)'],
    ['stopped', 'the sync is stopped (socket hang up)'],
  ])('distrusts a sync that is %s', (syncState, reason) => {
    const v = judgeTrust(facts({ syncState, syncError: syncState === 'loading' ? null : 'socket hang up' }));
    expect(v.trustworthy).toBe(false);
    expect(v.reasons).toEqual([reason]);
    expect(v.verdict).toBe(`Not trustworthy now: ${reason}.`);
  });

  it('names each object that is not ready, with its error', () => {
    const v = judgeTrust(
      facts({
        objects: [
          object('Opportunity', { state: 'resyncing' }),
          object('Task', { state: 'loading' }),
          object('Event', { state: 'pending' }),
          object('Account', { state: 'error', lastError: 'Bulk job failed' }),
          object('Contact', { lastError: 'a poll failed' }),
        ],
      }),
    );
    expect(v.reasons).toEqual([
      'Opportunity is being resynchronised',
      'Task is loading',
      'Event has not been loaded yet',
      'Account failed: Bulk job failed',
      'Contact: a poll failed',
    ]);
  });

  it('distrusts a polled object not polled for three intervals, or never', () => {
    const v = judgeTrust(
      facts({
        objects: [
          object('UserRole', { mode: 'poll', state: 'polling', lastPolledAt: ago(91) }),
          object('OpportunityStage', { mode: 'poll', state: 'polling', lastPolledAt: ago(89) }),
          object('ForecastingQuota', { mode: 'poll', state: 'polling', lastPolledAt: null }),
        ],
      }),
    );
    expect(v.reasons).toEqual([
      'UserRole was last polled 91 s ago (every 30 s expected)',
      'ForecastingQuota has not been polled yet',
    ]);
  });

  it('distrusts a failed or overdue reconciliation; a repair is only a note', () => {
    const v = judgeTrust(
      facts({
        objects: [
          object('Opportunity', { lastReconciliation: { finishedAt: ago(60), repaired: 0, error: 'timeout' } }),
          object('Task', { lastReconciliation: { finishedAt: ago(46 * 60), repaired: 0, error: null } }),
          object('Event', { lastReconciliation: { finishedAt: ago(600), repaired: 3, error: null } }),
        ],
        recentErrors: 2,
      }),
    );
    expect(v.reasons).toEqual([
      'the last reconciliation of Opportunity failed: timeout',
      'Task was last reconciled 46 min ago',
    ]);
    expect(v.notes).toEqual([
      'reconciliation repaired 3 drifted row(s) of Event 10 min ago',
      '2 sync error(s) in the last hour',
    ]);

    const repairedOnly = judgeTrust(
      facts({ objects: [object('Event', { lastReconciliation: { finishedAt: ago(600), repaired: 3, error: null } })] }),
    );
    expect(repairedOnly.trustworthy).toBe(true);
    expect(repairedOnly.verdict).toBe(
      'Trustworthy: every object is loaded and kept current (note: reconciliation repaired 3 drifted row(s) of Event 10 min ago).',
    );
  });

  it('never calls a reconciliation overdue when reconciliation is turned off', () => {
    const v = judgeTrust(
      facts({
        reconcileIntervalMinutes: 0,
        objects: [object('Task', { lastReconciliation: { finishedAt: ago(86_400), repaired: 0, error: null } })],
      }),
    );
    expect(v.trustworthy).toBe(true);
  });
});
