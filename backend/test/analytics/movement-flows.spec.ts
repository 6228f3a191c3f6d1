// The waterfall identity for every combination of before and after, not only those the demo org has.
import fc from 'fast-check';
import { flowsOf, movementOf, type SnapshotGroup } from '../../src/movement/movement-flows';

const group = fc.record<SnapshotGroup>({
  fromState: fc.constantFrom('absent', 'open', 'won', 'lost'),
  fromInPeriod: fc.boolean(),
  toState: fc.constantFrom('open', 'won', 'lost'),
  toInPeriod: fc.boolean(),
  stageMove: fc.constantFrom(-1, 0, 1),
  count: fc.integer({ min: 1, max: 50 }),
  amountFrom: fc.integer({ min: 0, max: 1_000_000 }),
  amountTo: fc.integer({ min: 0, max: 1_000_000 }),
});

describe('pipeline movement flows', () => {
  it('always add up: end = start + changes + entries - exits, by count and by amount', () => {
    fc.assert(
      fc.property(fc.array(group, { maxLength: 40 }), (groups) => {
        const { flows: f, amountChanged } = movementOf(groups);
        expect(f.start.count + f.new.count + f.pulledIn.count + f.reopened.count).toBe(
          f.end.count + f.won.count + f.lost.count + f.pushedOut.count,
        );
        expect(f.start.amount + amountChanged + f.new.amount + f.pulledIn.amount + f.reopened.amount).toBe(
          f.end.amount + f.won.amount + f.lost.amount + f.pushedOut.amount,
        );
      }),
      { seed: 20261124, numRuns: 500 },
    );
  });

  const g = (over: Partial<SnapshotGroup>): SnapshotGroup => ({
    fromState: 'open',
    fromInPeriod: true,
    toState: 'open',
    toInPeriod: true,
    stageMove: 0,
    count: 1,
    amountFrom: 100,
    amountTo: 100,
    ...over,
  });

  it.each<[string, Partial<SnapshotGroup>, string[]]>([
    ['stays and advances', { stageMove: 1 }, ['start', 'end', 'advanced']],
    ['slips back a stage', { stageMove: -1 }, ['start', 'end', 'slipped']],
    ['is won', { toState: 'won', toInPeriod: false }, ['start', 'won']],
    ['is pushed past the period', { toInPeriod: false, stageMove: 1 }, ['start', 'pushedOut', 'advanced']],
    [
      'is created and lost in the period',
      { fromState: 'absent', fromInPeriod: false, toState: 'lost' },
      ['new', 'lost'],
    ],
    ['is created for a later period', { fromState: 'absent', fromInPeriod: false, toInPeriod: false }, []],
    ['is pulled in', { fromInPeriod: false }, ['pulledIn', 'end']],
    ['is pulled in and won', { fromInPeriod: false, toState: 'won' }, ['pulledIn', 'won']],
    ['is won early from a later period', { fromInPeriod: false, toState: 'won', toInPeriod: false }, []],
    ['is reopened', { fromState: 'lost', fromInPeriod: true }, ['reopened', 'end']],
    ['stays closed', { fromState: 'won', toState: 'won' }, []],
  ])('a deal that %s flows through %j', (_what, over, flows) => {
    expect(flowsOf(g(over))).toEqual(flows);
  });
});
