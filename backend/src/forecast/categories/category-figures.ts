/** Salesforce's forecast categories an open deal can be in, and Closed (won). */
export const CATEGORIES = ['Closed', 'Commit', 'Best Case', 'Pipeline', 'Omitted'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Amounts per category for one user or role, in one period. */
export interface CategoryAmounts {
  closed: number;
  commit: number;
  bestCase: number;
  pipeline: number;
  omitted: number;
  /** Sum of QuotaAmount; null: nobody here holds a quota. */
  quota: number | null;
}

export const emptyAmounts = (): CategoryAmounts => ({
  closed: 0,
  commit: 0,
  bestCase: 0,
  pipeline: 0,
  omitted: 0,
  quota: null,
});

const FIELD: Record<Category, Exclude<keyof CategoryAmounts, 'quota'>> = {
  Closed: 'closed',
  Commit: 'commit',
  'Best Case': 'bestCase',
  Pipeline: 'pipeline',
  Omitted: 'omitted',
};

/** Adds `amount` to a category; a value Salesforce does not define counts as Pipeline. */
export function addToCategory(target: CategoryAmounts, category: string, amount: number): void {
  target[FIELD[category as Category] ?? 'pipeline'] += amount;
}

export const addQuota = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : a + b;

export function addAmounts(target: CategoryAmounts, other: CategoryAmounts): void {
  target.closed += other.closed;
  target.commit += other.commit;
  target.bestCase += other.bestCase;
  target.pipeline += other.pipeline;
  target.omitted += other.omitted;
}

/**
 * Collaborative Forecasts' cumulative rollups: Closed Only; Commit Forecast = Closed + Commit;
 * Best Case Forecast = Closed + Commit + Best Case; Open Pipeline = Commit + Best Case + Pipeline
 * (open deals only). Omitted is in none of them.
 */
export function cumulative(a: CategoryAmounts) {
  return {
    closedOnly: a.closed,
    commitForecast: a.closed + a.commit,
    bestCaseForecast: a.closed + a.commit + a.bestCase,
    openPipeline: a.commit + a.bestCase + a.pipeline,
  };
}
