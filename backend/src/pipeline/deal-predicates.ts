import type { Period } from '../analytics/filters/fiscal-period';
import type { SqlParams } from '../analytics/filters/sql-params';

// Small SQL pieces every deal aggregate shares, on the opportunity aliased `o`. IsClosed and
// IsWon are never null in Salesforce; `IS NOT TRUE` still reads a null as open, as the org would.

/** CloseDate within the period (both ends inclusive): the close_date indexes apply. */
export const closingIn = (period: Period, params: SqlParams, o = 'o'): string =>
  `${o}.close_date BETWEEN ${params.add(period.from)}::date AND ${params.add(period.to)}::date`;

/** Written exactly as the open-deal indexes' predicate (migration 1796126400000), so they apply. */
export const isOpen = (o = 'o') => `${o}.is_closed IS NOT TRUE`;
export const isWon = (o = 'o') => `${o}.is_won IS TRUE`;
export const isLost = (o = 'o') => `(${o}.is_closed IS TRUE AND ${o}.is_won IS NOT TRUE)`;

/** Amount × Probability / 100: what the deal is worth at its stage's odds. */
export const weightedAmount = (o = 'o') => `${o}.amount * COALESCE(${o}.probability, 0) / 100`;
