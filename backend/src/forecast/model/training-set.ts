import { closedAt, stateAt, wonWithin, type DealRecord } from '../history/deal-timeline';
import type { Quarters } from '../history/quarters';
import type { StageCatalog } from '../history/stage-catalog';
import type { FeatureSpace } from './features';
import { monthStart, type OwnerRecord } from './owner-record';

/** A deal open at a snapshot counts as won if it closed won within this many days of it. */
export const WIN_HORIZON_DAYS = 180;
/** Window models cover the current quarter and the next three. */
export const WINDOW_OFFSETS = 4;

export interface TrainingInput {
  deals: readonly DealRecord[];
  owners: OwnerRecord;
  stages: StageCatalog;
  quarters: Quarters;
  /** Only what was known at this instant is used: snapshots and outcomes before it. */
  cutoff: number;
  /** How far back snapshots go, in days. */
  lookbackDays: number;
}

/** Which models' examples to build: the win model, and window models by quarter offset. */
export interface ModelChoice {
  win: boolean;
  windows: readonly number[];
}

export const ALL_MODELS: ModelChoice = { win: true, windows: [0, 1, 2, 3] };

/** Labelled rows for one model, each in one of two halves of the deals (for cross-fitting). */
export interface ExampleSet {
  rows: number[][];
  labels: number[];
  ownerIds: string[];
  /** 0 or 1: the half of the deals the example belongs to (a deal's snapshots stay together). */
  folds: number[];
}

/** Per open stage (and overall, last): amounts of deals later won, as they stood and as they closed. */
export interface AmountSums {
  asOpen: number[];
  asWon: number[];
  count: number[];
}

export interface TrainingSet {
  /** Absent when not chosen. */
  win?: ExampleSet;
  amounts: AmountSums;
  /** By quarter offset: 0 = rest of the snapshot's quarter, 1 = the next quarter, ... (chosen ones only). */
  windows: (ExampleSet | undefined)[];
  snapshots: number;
}

const emptySet = (): ExampleSet => ({ rows: [], labels: [], ownerIds: [], folds: [] });

/**
 * Snapshots on the 1st and 16th of each month before the cutoff: every deal open then, as it
 * stood then (rebuilt from its history), labelled with what happened after. A label is used only
 * once the cutoff lies past the whole span it speaks of, so no example is half-observed.
 */
export function buildTrainingSet(
  input: TrainingInput,
  features: FeatureSpace,
  models: ModelChoice = ALL_MODELS,
): TrainingSet {
  const { deals, owners, stages, quarters, cutoff } = input;
  const slots = stages.openStages.length + 1;
  const offsets = models.windows.filter((k) => k >= 0 && k < WINDOW_OFFSETS);
  const set: TrainingSet = {
    win: models.win ? emptySet() : undefined,
    amounts: {
      asOpen: new Array<number>(slots).fill(0),
      asWon: new Array<number>(slots).fill(0),
      count: new Array<number>(slots).fill(0),
    },
    windows: Array.from({ length: WINDOW_OFFSETS }, (_, k) => (offsets.includes(k) ? emptySet() : undefined)),
    snapshots: 0,
  };
  const closed = deals.map((deal) => closedAt(deal, stages));
  const folds = deals.map((deal) => foldOf(deal.id));
  for (const t of snapshotDays(cutoff - input.lookbackDays, cutoff)) {
    // Only windows that ended by the cutoff are labelled.
    const windows = offsets.map((k) => ({ k, window: quarters.of(t, k) })).filter((w) => w.window.to + 1 <= cutoff);
    const winKnown = set.win !== undefined && t + WIN_HORIZON_DAYS <= cutoff;
    if (!winKnown && windows.length === 0) continue;
    set.snapshots++;
    const month = monthStart(t);
    deals.forEach((deal, i) => {
      const state = stateAt(deal, t, stages, closed[i]);
      if (!state) return;
      const base = features.deal(state, deal, t, owners.rate(deal.ownerId, month));
      if (deal.isWon && closed[i] <= cutoff) {
        for (const slot of [stages.openPosition(state.stageName), slots - 1]) {
          if (slot < 0) continue;
          set.amounts.asOpen[slot] += state.amount;
          set.amounts.asWon[slot] += deal.amount ?? 0;
          set.amounts.count[slot]++;
        }
      }
      if (winKnown) {
        const won = deal.isWon && closed[i] <= t + WIN_HORIZON_DAYS ? 1 : 0;
        add(set.win!, base, won, deal.ownerId, folds[i]);
      }
      for (const { k, window } of windows) {
        const won = wonWithin(deal, Math.max(window.from, Math.floor(t)), window.to, cutoff, closed[i]) ? 1 : 0;
        add(set.windows[k]!, features.window(base, state, t, window), won, deal.ownerId, folds[i]);
      }
    });
  }
  return set;
}

function add(set: ExampleSet, row: number[], label: number, ownerId: string, fold: number): void {
  set.rows.push(row);
  set.labels.push(label);
  set.ownerIds.push(ownerId);
  set.folds.push(fold);
}

/** Deals split in two halves by Id hash: the same deal always lands in the same half. */
function foldOf(dealId: string): number {
  return hash(dealId) % 2;
}

/** The 1st and 16th of each month in [from, to). */
export function snapshotDays(from: number, to: number): number[] {
  const days: number[] = [];
  for (let month = monthStart(from); month < to; month = monthStart(month + 32)) {
    for (const day of [month, month + 15]) if (day >= from && day < to) days.push(day);
  }
  return days;
}

/** FNV-1a: a stable split that keeps every snapshot of a deal on the same side. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
