import { ratio } from '../pipeline/money';
import type { FunnelStepDto } from './dto/funnel.dto';

export interface FunnelStage {
  stageName: string;
  sortOrder: number;
  isClosed: boolean;
  isWon: boolean;
}

/** Deals alike for the funnel: the furthest open stage they reached (sort order) and how they stand. */
export interface ReachGroup {
  furthestOpen: number | null;
  outcome: 'open' | 'won' | 'lost';
  count: number;
  amount: number;
}

/**
 * The funnel from reach groups: an open stage is reached by won deals and by deals whose furthest
 * open stage is at or after it (so skipped stages count as passed and counts never grow down the
 * funnel); the won step is reached by won deals only.
 */
export function funnelSteps(stages: readonly FunnelStage[], groups: readonly ReachGroup[]): FunnelStepDto[] {
  const open = stages.filter((s) => !s.isClosed).sort((a, b) => a.sortOrder - b.sortOrder);
  const won = stages.filter((s) => s.isWon).sort((a, b) => a.sortOrder - b.sortOrder)[0];
  const wonDeals = groups.filter((g) => g.outcome === 'won');
  const total = (gs: readonly ReachGroup[]) => ({
    count: gs.reduce((n, g) => n + g.count, 0),
    amount: gs.reduce((n, g) => n + g.amount, 0),
  });
  const reached = open.map((stage) => ({
    stage,
    ...total(
      groups.filter((g) => g.outcome === 'won' || (g.furthestOpen !== null && g.furthestOpen >= stage.sortOrder)),
    ),
  }));
  if (won) reached.push({ stage: won, ...total(wonDeals) });
  const wonCount = total(wonDeals).count;
  return reached.map(({ stage, count, amount }, i) => ({
    stageName: stage.stageName,
    sortOrder: stage.sortOrder,
    isWon: stage.isWon,
    count,
    amount,
    conversionFromPrevious: i === 0 ? null : ratio(count, reached[i - 1].count),
    conversionToWon: ratio(wonCount, count),
  }));
}
