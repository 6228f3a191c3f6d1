// The funnel's convention on hand-made groups: skipped stages count as passed, counts never grow.
import { funnelSteps, type FunnelStage, type ReachGroup } from '../../src/funnel/funnel-steps';

const stages: FunnelStage[] = [
  { stageName: 'Closed Lost', sortOrder: 5, isClosed: true, isWon: false },
  { stageName: 'Prospecting', sortOrder: 1, isClosed: false, isWon: false },
  { stageName: 'Proposal', sortOrder: 3, isClosed: false, isWon: false },
  { stageName: 'Qualification', sortOrder: 2, isClosed: false, isWon: false },
  { stageName: 'Closed Won', sortOrder: 4, isClosed: true, isWon: true },
];

describe('funnel steps', () => {
  it('orders open stages, ends with the won stage, and counts skipped stages as passed', () => {
    const groups: ReachGroup[] = [
      { furthestOpen: 1, outcome: 'lost', count: 4, amount: 40 },
      { furthestOpen: 3, outcome: 'open', count: 2, amount: 200 }, // skipped Qualification
      { furthestOpen: 2, outcome: 'won', count: 1, amount: 50 }, // won straight from Qualification
      { furthestOpen: null, outcome: 'won', count: 1, amount: 10 }, // created as won
    ];
    expect(funnelSteps(stages, groups).map((s) => [s.stageName, s.count, s.amount])).toEqual([
      ['Prospecting', 8, 300],
      ['Qualification', 4, 260],
      ['Proposal', 4, 260],
      ['Closed Won', 2, 60],
    ]);
  });

  it('gives null ratios rather than dividing by zero', () => {
    const steps = funnelSteps(stages, []);
    expect(steps.every((s) => s.count === 0 && s.conversionToWon === null)).toBe(true);
    expect(steps.map((s) => s.conversionFromPrevious)).toEqual([null, null, null, null]);
  });
});
