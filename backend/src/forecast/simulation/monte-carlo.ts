import { ExactSampler } from './exact-sampler';
import { NormalTail } from './normal-tail';
import { Prng } from './prng';

/** An open deal as the simulation sees it: its amount, and P(books in window k) for each window. */
export interface SimulatedDeal {
  id: string;
  amount: number;
  windows: readonly number[];
}

/** Bookings in a window: the exact mean and percentiles of the simulated outcomes. */
export interface Interval {
  expected: number;
  p10: number;
  p50: number;
  p90: number;
}

export interface SimulationInput {
  deals: readonly SimulatedDeal[];
  windowCount: number;
  trials: number;
  seed: number;
  /** Already booked in each window (closed won): certain. */
  booked?: readonly number[];
  /** Per window, equally likely bookings from deals not yet created (one drawn per trial). */
  newPipeline?: readonly (readonly number[])[];
}

export interface SimulationResult {
  windows: Interval[];
  /** All windows together (a deal books in one window at most). */
  total: Interval;
}

/**
 * Deals drawn one by one; beyond this many, the rest (those that move the total least: smallest
 * amount x standard deviation) are drawn together as a normal (normal-tail.ts).
 */
export const EXACT_DEALS = 4_096;

/**
 * Monte Carlo over the open deals: in each trial every deal books in one of the windows or in
 * none (lost, or slipped past them), drawn from its probabilities. Deals are taken in Id order
 * with a seeded generator, so the same seed and data give the same percentiles. Expected values
 * are exact sums, not simulated.
 */
export function simulateBookings(input: SimulationInput): SimulationResult {
  const { windowCount: w, trials } = input;
  const deals = inIdOrder(input.deals);
  const { exact, small } = split(deals, w);
  const sampler = new ExactSampler(exact, w);
  const tail = small.length > 0 ? new NormalTail(small, w) : null;
  const booked = Array.from({ length: w }, (_, k) => input.booked?.[k] ?? 0);
  const newPipeline = Array.from({ length: w }, (_, k) => input.newPipeline?.[k] ?? []);
  const outcomes = Array.from({ length: w }, () => new Float64Array(trials));
  const totals = new Float64Array(trials);
  const random = new Prng(input.seed);
  const sums = new Float64Array(w);
  for (let trial = 0; trial < trials; trial++) {
    sums.fill(0);
    sampler.addTrial(random, sums);
    tail?.addTrial(random, sums);
    let total = 0;
    for (let k = 0; k < w; k++) {
      const analogs = newPipeline[k];
      const fresh = analogs.length > 0 ? analogs[Math.floor(random.next() * analogs.length)] : 0;
      outcomes[k][trial] = sums[k] + booked[k] + fresh;
      total += outcomes[k][trial];
    }
    totals[trial] = total;
  }
  const expected = Array.from({ length: w }, (_, k) => {
    let mean = booked[k] + average(newPipeline[k]);
    for (const deal of deals) mean += deal.amount * (deal.windows[k] ?? 0);
    return mean;
  });
  return {
    windows: outcomes.map((values, k) => interval(expected[k], values)),
    total: interval(
      expected.reduce((a, b) => a + b, 0),
      totals,
    ),
  };
}

/** The EXACT_DEALS deals with the largest amount x standard deviation (drawn one by one), and the rest. */
function split(deals: SimulatedDeal[], w: number): { exact: SimulatedDeal[]; small: SimulatedDeal[] } {
  if (deals.length <= EXACT_DEALS) return { exact: deals, small: [] };
  const spread = deals.map((deal, i) => {
    let p = 0;
    for (let k = 0; k < w; k++) p += deal.windows[k] ?? 0;
    return { i, s: deal.amount * Math.sqrt(Math.max(0, p * (1 - p))) };
  });
  spread.sort((a, b) => b.s - a.s || a.i - b.i);
  const chosen = new Uint8Array(deals.length);
  for (let r = 0; r < EXACT_DEALS; r++) chosen[spread[r].i] = 1;
  return { exact: deals.filter((_, i) => chosen[i] === 1), small: deals.filter((_, i) => chosen[i] === 0) };
}

function inIdOrder(deals: readonly SimulatedDeal[]): SimulatedDeal[] {
  for (let i = 1; i < deals.length; i++) {
    if (deals[i - 1].id > deals[i].id) return [...deals].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return [...deals];
}

function interval(expected: number, values: Float64Array): Interval {
  const sorted = values.slice().sort();
  return { expected, p10: quantile(sorted, 0.1), p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) };
}

/** Linear interpolation between order statistics (the usual definition, R's type 7). */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

const average = (values: readonly number[]) =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
