import type { DealState } from '../history/deal-timeline';
import type { DayWindow } from '../history/quarters';
import type { StageCatalog } from '../history/stage-catalog';

/** A picklist value becomes a feature when at least this share of deals carries it (at most 8). */
const MIN_SHARE = 0.02;
const MAX_VALUES = 8;

/** The deal's picklists the model reads (values as they are now: they rarely change). */
export interface DealLabels {
  type: string | null;
  leadSource: string | null;
}

/**
 * What the model knows about an open deal at instant `t`, as numbers: its stage (one column per
 * open stage), how long it has sat in it, its age, its size (log), its owner's record (log-odds),
 * how often its close date has slipped, where its close date lies (overdue or ahead), and its
 * Type and LeadSource (one column per common value in the org). Window features add where the
 * close date lies against the forecast window, and how much of the window is left.
 */
export class FeatureSpace {
  readonly dealNames: string[];
  readonly windowNames: string[];

  constructor(
    readonly stages: StageCatalog,
    readonly types: readonly string[],
    readonly leadSources: readonly string[],
  ) {
    this.dealNames = [
      ...stages.openStages.map((s) => `stage: ${s}`),
      ...types.map((v) => `type: ${v}`),
      ...leadSources.map((v) => `lead source: ${v}`),
      'log days in stage',
      'log deal age (days)',
      'log amount',
      "owner's win rate (log-odds)",
      'log close date pushes',
      'log days overdue',
      'log days to close date',
    ];
    this.windowNames = [
      ...this.dealNames,
      'close date before window',
      'close date in window',
      'close date after window',
      'position of close date in window',
      'log days past window',
      'log days to window end',
      'log days to window start',
      'stage progress x log days to window end',
      'share of quarter left, squared',
    ];
  }

  /** The org's common Type and LeadSource values, most frequent first. */
  static of(stages: StageCatalog, deals: readonly DealLabels[]): FeatureSpace {
    return new FeatureSpace(
      stages,
      commonValues(deals.map((d) => d.type)),
      commonValues(deals.map((d) => d.leadSource)),
    );
  }

  deal(state: DealState, labels: DealLabels, t: number, ownerRate: number): number[] {
    const today = Math.floor(t);
    return [
      ...oneHot(this.stages.openStages, state.stageName),
      ...oneHot(this.types, labels.type),
      ...oneHot(this.leadSources, labels.leadSource),
      Math.log1p(Math.max(0, t - state.stageEnteredAt)),
      Math.log1p(Math.max(0, t - state.createdAt)),
      Math.log1p(Math.max(0, state.amount)),
      Math.log(ownerRate / (1 - ownerRate)),
      Math.log1p(state.pushes),
      Math.log1p(Math.max(0, today - state.closeDay)),
      Math.log1p(Math.max(0, state.closeDay - today)),
    ];
  }

  /** `dealFeatures` (from deal()) with the window's own columns after them. */
  window(dealFeatures: readonly number[], state: DealState, t: number, window: DayWindow): number[] {
    const today = Math.floor(t);
    const position = this.stages.openPosition(state.stageName);
    const progress = position >= 0 ? (position + 1) / this.stages.openStages.length : 0;
    const left = Math.max(0, window.to - today);
    const from = Math.max(window.from, today);
    const inside = state.closeDay >= from && state.closeDay <= window.to;
    const after = state.closeDay > window.to;
    return [
      ...dealFeatures,
      state.closeDay < from ? 1 : 0,
      inside ? 1 : 0,
      after ? 1 : 0,
      inside ? (state.closeDay - from + 1) / (window.to - from + 1) : 0,
      after ? Math.log1p(state.closeDay - window.to) : 0,
      Math.log1p(left),
      Math.log1p(Math.max(0, window.from - today)),
      // Late stages close in short windows, early ones need long ones: the two interact.
      progress * Math.log1p(left),
      (Math.min(left, 92) / 92) ** 2,
    ];
  }
}

function oneHot(values: readonly string[], value: string | null): number[] {
  return values.map((v) => (v === value ? 1 : 0));
}

function commonValues(values: readonly (string | null)[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n >= values.length * MIN_SHARE)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_VALUES)
    .map(([v]) => v);
}
