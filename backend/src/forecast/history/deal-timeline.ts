import type { StageCatalog } from './stage-catalog';

/** One OpportunityHistory row: the deal's fields as they were set at `at`. */
export interface HistoryPoint {
  /** When the change was made (CreatedDate), as a fractional day number. */
  at: number;
  stageName: string | null;
  amount: number | null;
  closeDay: number | null;
  probability: number | null;
}

/** An opportunity with its history, as forecasting reads it. */
export interface DealRecord {
  id: string;
  name?: string;
  ownerId: string;
  /** CreatedDate, as a fractional day number. */
  createdAt: number;
  /** SystemModstamp: the row's fields hold from here on. */
  modifiedAt: number;
  stageName: string;
  amount: number | null;
  closeDay: number | null;
  isClosed: boolean;
  isWon: boolean;
  probability: number | null;
  type: string | null;
  leadSource: string | null;
  /** Oldest first. */
  history: HistoryPoint[];
}

/** An open deal as it stood at some instant. */
export interface DealState {
  stageName: string;
  amount: number;
  closeDay: number;
  /** Probability (0..1) the rep's stage gave it then. */
  probability: number;
  stageEnteredAt: number;
  createdAt: number;
  /** Times the close date had been pushed later by then. */
  pushes: number;
}

/**
 * When the deal closed: its first history row in a closed stage; without one, the end of its
 * CloseDate (Salesforce sets CloseDate to the day a deal closes). Infinity while open.
 */
export function closedAt(deal: DealRecord, stages: StageCatalog): number {
  for (const point of deal.history) if (point.stageName !== null && stages.isClosed(point.stageName)) return point.at;
  if (!deal.isClosed) return Infinity;
  return deal.closeDay !== null ? deal.closeDay + 1 : deal.createdAt;
}

/**
 * The deal at instant `t`, or null if it did not exist yet or had closed. Rebuilt from its history;
 * where history is missing, from its dates: open from CreatedDate until it closed, its current
 * fields valid since its last change, and before that in the first open stage (unknown) with its
 * current amount and close date.
 */
export function stateAt(
  deal: DealRecord,
  t: number,
  stages: StageCatalog,
  closed = closedAt(deal, stages),
): DealState | null {
  if (deal.createdAt > t || closed <= t) return null;
  const { history } = deal;
  let last = -1;
  while (last + 1 < history.length && history[last + 1].at <= t) last++;
  if (last < 0) {
    const current = t >= deal.modifiedAt;
    const stageName = current ? deal.stageName : stages.firstOpenStage;
    return {
      stageName,
      amount: deal.amount ?? 0,
      closeDay: deal.closeDay ?? Math.floor(t),
      probability: current && deal.probability !== null ? deal.probability / 100 : stages.probability(stageName),
      stageEnteredAt: deal.createdAt,
      createdAt: deal.createdAt,
      pushes: 0,
    };
  }
  let amount: number | null = null;
  let closeDay: number | null = null;
  let probability: number | null = null;
  let stageName: string | null = null;
  let entered = deal.createdAt;
  let pushes = 0;
  let previousClose: number | null = null;
  for (let i = 0; i <= last; i++) {
    const point = history[i];
    if (point.amount !== null) amount = point.amount;
    if (point.probability !== null) probability = point.probability;
    if (point.stageName !== null && point.stageName !== stageName) {
      stageName = point.stageName;
      entered = point.at;
    }
    if (point.closeDay !== null) {
      if (previousClose !== null && point.closeDay > previousClose) pushes++;
      previousClose = point.closeDay;
      closeDay = point.closeDay;
    }
  }
  stageName ??= stages.firstOpenStage;
  return {
    stageName,
    amount: amount ?? deal.amount ?? 0,
    closeDay: closeDay ?? deal.closeDay ?? Math.floor(t),
    probability: probability !== null ? probability / 100 : stages.probability(stageName),
    stageEnteredAt: entered,
    createdAt: deal.createdAt,
    pushes,
  };
}

/** Whether the deal was won with its CloseDate in [from, to], as known at `knownBy`. */
export function wonWithin(deal: DealRecord, from: number, to: number, knownBy: number, closed: number): boolean {
  return deal.isWon && deal.closeDay !== null && deal.closeDay >= from && deal.closeDay <= to && closed <= knownBy;
}
