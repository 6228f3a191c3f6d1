// Pipeline movement as flows between two snapshots of the period's pipeline (open deals whose
// close date falls in the period). Every deal that was in it at the start or entered it meanwhile
// leaves by exactly one exit or is still in it at the end, so
//   end = start + amountChanged + new + pulledIn + reopened - won - lost - pushedOut
// holds for amounts, and the same without amountChanged for counts.

export type DealState = 'absent' | 'open' | 'won' | 'lost';

/** Deals alike at both snapshots, as the movement query groups them. */
export interface SnapshotGroup {
  fromState: DealState;
  /** Close date in the period at the first snapshot (false when absent). */
  fromInPeriod: boolean;
  toState: Exclude<DealState, 'absent'>;
  toInPeriod: boolean;
  /** Sign of the stage change in the org's order (0 when either stage is unknown). */
  stageMove: -1 | 0 | 1;
  count: number;
  amountFrom: number;
  amountTo: number;
}

export interface Flow {
  count: number;
  amount: number;
}

export const FLOW_NAMES = [
  'start',
  'new',
  'pulledIn',
  'reopened',
  'won',
  'lost',
  'pushedOut',
  'advanced',
  'slipped',
  'end',
] as const;
export type FlowName = (typeof FLOW_NAMES)[number];

export interface Movement {
  flows: Record<FlowName, Flow>;
  /** Net change in Amount of the deals in the starting pipeline, whatever became of them. */
  amountChanged: number;
}

/** Which flows a group belongs to (a group can be in several: new and won, start and advanced). */
export function flowsOf(g: SnapshotGroup): FlowName[] {
  const inStart = g.fromState === 'open' && g.fromInPeriod;
  const closedBetween = g.toState !== 'open' && (g.fromState === 'absent' || g.fromState === 'open');
  const atEnd = g.toState === 'open' && g.toInPeriod;
  const arrives = atEnd || (closedBetween && g.toInPeriod);
  const entry: FlowName | null = inStart
    ? 'start'
    : g.fromState === 'absent' && arrives
      ? 'new'
      : g.fromState === 'open' && arrives
        ? 'pulledIn'
        : g.fromState !== 'open' && g.fromState !== 'absent' && atEnd
          ? 'reopened'
          : null;
  if (entry === null) return [];
  const flows: FlowName[] = [entry];
  if (closedBetween) flows.push(g.toState === 'won' ? 'won' : 'lost');
  else if (atEnd) flows.push('end');
  else if (inStart) flows.push('pushedOut');
  if (inStart && g.toState === 'open' && g.stageMove !== 0) flows.push(g.stageMove > 0 ? 'advanced' : 'slipped');
  return flows;
}

export function movementOf(groups: readonly SnapshotGroup[]): Movement {
  const flows = Object.fromEntries(FLOW_NAMES.map((n) => [n, { count: 0, amount: 0 }])) as Record<FlowName, Flow>;
  let amountChanged = 0;
  for (const g of groups) {
    for (const name of flowsOf(g)) {
      flows[name].count += g.count;
      // The starting pipeline is valued as it stood then; everything else as it stands at `to`.
      flows[name].amount += name === 'start' ? g.amountFrom : g.amountTo;
    }
    if (g.fromState === 'open' && g.fromInPeriod) amountChanged += g.amountTo - g.amountFrom;
  }
  return { flows, amountChanged };
}
