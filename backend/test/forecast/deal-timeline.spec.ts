import { closedAt, stateAt, wonWithin, type DealRecord } from '../../src/forecast/history/deal-timeline';
import { dayOf } from '../../src/forecast/history/days';
import { StageCatalog } from '../../src/forecast/history/stage-catalog';

const stages = new StageCatalog(
  ['Prospecting', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'].map((apiName, i) => ({
    apiName,
    sortOrder: i + 1,
    isActive: true,
    isClosed: i >= 3,
    isWon: i === 3,
    defaultProbability: [10, 50, 80, 100, 0][i],
    forecastCategoryName: null,
  })),
);
const day = (iso: string) => dayOf(iso);
const point = (at: string, stageName: string | null, closeDate: string, amount = 1000) => ({
  at: day(at) + 0.5,
  stageName,
  amount,
  closeDay: day(closeDate),
  probability: null,
});

const deal: DealRecord = {
  id: '006A',
  ownerId: '005A',
  createdAt: day('2026-01-10') + 0.5,
  modifiedAt: day('2026-05-02') + 0.5,
  stageName: 'Closed Won',
  amount: 1500,
  closeDay: day('2026-05-02'),
  isClosed: true,
  isWon: true,
  probability: 100,
  type: null,
  leadSource: null,
  history: [
    point('2026-01-10', 'Prospecting', '2026-03-31'),
    point('2026-02-01', 'Proposal', '2026-03-31', 1200),
    point('2026-04-02', 'Proposal', '2026-04-30', 1200), // pushed
    point('2026-04-20', null, '2026-05-15', 1500), // pushed again, stage not recorded
    point('2026-05-02', 'Closed Won', '2026-05-02', 1500),
  ],
};

describe('a deal as it stood', () => {
  it('did not exist before it was created, and is not open once closed', () => {
    expect(stateAt(deal, day('2026-01-01'), stages)).toBeNull();
    expect(stateAt(deal, day('2026-05-10'), stages)).toBeNull();
    expect(closedAt(deal, stages)).toBe(day('2026-05-02') + 0.5);
  });

  it('rebuilds stage, amount, close date, time in stage and pushes from its history', () => {
    expect(stateAt(deal, day('2026-01-20'), stages)).toEqual({
      stageName: 'Prospecting',
      amount: 1000,
      closeDay: day('2026-03-31'),
      probability: 0.1,
      stageEnteredAt: day('2026-01-10') + 0.5,
      createdAt: deal.createdAt,
      pushes: 0,
    });
    const late = stateAt(deal, day('2026-04-25'), stages)!;
    expect(late.stageName).toBe('Proposal'); // a row without a stage keeps the last one known
    expect(late.stageEnteredAt).toBe(day('2026-02-01') + 0.5);
    expect(late.pushes).toBe(2);
    expect(late.amount).toBe(1500);
    expect(late.closeDay).toBe(day('2026-05-15'));
    expect(late.probability).toBe(0.5); // the stage's default where the row has none
  });

  it('without history: open from created to close, in the first stage until its last change', () => {
    const bare: DealRecord = {
      ...deal,
      history: [],
      stageName: 'Negotiation',
      isClosed: false,
      isWon: false,
      probability: 80,
      closeDay: day('2026-06-30'),
    };
    const early = stateAt(bare, day('2026-03-01'), stages)!;
    expect(early.stageName).toBe('Prospecting');
    expect(early.amount).toBe(1500);
    expect(early.closeDay).toBe(day('2026-06-30'));
    expect(stateAt(bare, day('2026-05-03'), stages)!.stageName).toBe('Negotiation');
    const closedBare: DealRecord = { ...bare, isClosed: true, closeDay: day('2026-04-15') };
    expect(closedAt(closedBare, stages)).toBe(day('2026-04-16'));
    expect(stateAt(closedBare, day('2026-04-17'), stages)).toBeNull();
  });

  it('counts a win in a window by CloseDate, once known', () => {
    const closed = closedAt(deal, stages);
    expect(wonWithin(deal, day('2026-04-01'), day('2026-06-30'), Infinity, closed)).toBe(true);
    expect(wonWithin(deal, day('2026-04-01'), day('2026-06-30'), day('2026-05-01'), closed)).toBe(false);
    expect(wonWithin(deal, day('2026-01-01'), day('2026-03-31'), Infinity, closed)).toBe(false);
  });
});
