import type { DealState, StageInfo } from './deal-state';
import { dealTransitions } from './deal-transitions';

const STAGES = new Map<string, StageInfo>(
  ['Prospecting', 'Qualification', 'Needs Analysis', 'Negotiation/Review', 'Closed Won', 'Closed Lost'].map(
    (name, i) => [name, { sortOrder: i + 1, isClosed: name.startsWith('Closed'), isWon: name === 'Closed Won' }],
  ),
);

const deal = (over: Partial<DealState> = {}): DealState => ({
  id: '006000000000001AAA',
  name: 'Acme',
  accountId: null,
  ownerId: '005000000000001AAA',
  stageName: 'Qualification',
  amount: 1000,
  closeDate: '2031-01-10',
  isClosed: false,
  isWon: false,
  isDeleted: false,
  stampMs: null,
  ...over,
});
const won = { stageName: 'Closed Won', isClosed: true, isWon: true };
const lost = { stageName: 'Closed Lost', isClosed: true, isWon: false };
const kinds = (before: DealState | null, after: DealState, startMonth = 1) =>
  dealTransitions(before, after, STAGES, startMonth).map((t) => t.kind);

describe('dealTransitions', () => {
  it('deal_won and deal_lost on the change into the closed stage, not on later edits', () => {
    expect(dealTransitions(deal(), deal(won), STAGES, 1)).toEqual([
      { kind: 'deal_won', field: 'StageName', from: 'Qualification', to: 'Closed Won' },
    ]);
    expect(kinds(deal(), deal(lost))).toEqual(['deal_lost']);
    expect(kinds(deal(won), deal({ ...won, amount: 5 }))).toEqual([]);
    expect(kinds(deal(lost), deal(lost))).toEqual([]);
  });

  it('a deal created already won is won; a won deal restored from the recycle bin is not won again', () => {
    expect(kinds(null, deal(won))).toEqual(['deal_won']);
    expect(kinds(deal({ ...won, isDeleted: true }), deal(won))).toEqual([]);
  });

  it('fires nothing for a deleted deal', () => {
    expect(kinds(deal(), deal({ ...won, isDeleted: true }))).toEqual([]);
  });

  it('stage_moved_backwards by the stages’ sort order, never forwards or for an unknown stage', () => {
    expect(kinds(deal({ stageName: 'Needs Analysis' }), deal({ stageName: 'Prospecting' }))).toEqual([
      'stage_moved_backwards',
    ]);
    expect(kinds(deal({ stageName: 'Prospecting' }), deal({ stageName: 'Needs Analysis' }))).toEqual([]);
    expect(kinds(deal({ stageName: 'Needs Analysis' }), deal({ stageName: 'Renamed stage' }))).toEqual([]);
    expect(kinds(null, deal({ stageName: 'Prospecting' }))).toEqual([]);
    // Reopening a won deal is a step back.
    expect(kinds(deal(won), deal({ stageName: 'Negotiation/Review' }))).toEqual(['stage_moved_backwards']);
  });

  it('close_date_pushed_out only when the new date is past the end of the old date’s fiscal quarter', () => {
    const pushed = (from: string, to: string, startMonth = 1) =>
      dealTransitions(deal({ closeDate: from }), deal({ closeDate: to }), STAGES, startMonth);
    expect(pushed('2031-01-10', '2031-03-31')).toEqual([]);
    expect(pushed('2031-03-31', '2031-03-01')).toEqual([]);
    expect(pushed('2031-03-31', '2031-04-01')).toEqual([
      {
        kind: 'close_date_pushed_out',
        field: 'CloseDate',
        from: '2031-03-31',
        to: '2031-04-01',
        fromPeriod: 'Q1 FY2031',
        toPeriod: 'Q2 FY2031',
      },
    ]);
    // A fiscal year starting in February: February to April is one quarter.
    expect(pushed('2031-02-01', '2031-04-30', 2)).toEqual([]);
    expect(pushed('2031-02-01', '2031-05-01', 2).map((t) => [t.fromPeriod, t.toPeriod])).toEqual([
      ['Q1 FY2032', 'Q2 FY2032'],
    ]);
  });

  it('a close date moved while closing the deal is not a push', () => {
    expect(kinds(deal({ closeDate: '2031-01-10' }), deal({ ...won, closeDate: '2031-05-01' }))).toEqual(['deal_won']);
    expect(kinds(deal({ closeDate: null }), deal({ closeDate: '2031-05-01' }))).toEqual([]);
  });
});
