// Turning simulated and counted amounts into the predictive forecast's figures, rounded to cents.
import type { BookingsDto, OwnerForecastDto } from '../dto/predictive-forecast.dto';
import type { DealRecord } from '../history/deal-timeline';
import { cents } from '../../pipeline/money';
import type { Interval } from '../simulation/monte-carlo';
import { scaleByGrowth, usableAnalogs, type Analog } from '../simulation/new-pipeline';
import type { ScopeAggregates } from './scope-aggregates';

export function bookingsOf(interval: Interval, booked: number, newDeals: number, baseline: number): BookingsDto {
  return {
    booked: cents(booked),
    expected: cents(interval.expected),
    p10: cents(interval.p10),
    p50: cents(interval.p50),
    p90: cents(interval.p90),
    openDeals: cents(interval.expected - booked - newDeals),
    newDeals: cents(newDeals),
    weightedPipeline: cents(booked + baseline),
  };
}

/** The baseline: Amount x Probability of the open deals whose CloseDate lies in [max(from, today), to]. */
export function weightedPipeline(deals: readonly DealRecord[], from: number, to: number, today: number): number {
  let sum = 0;
  for (const d of deals) {
    if (d.closeDay !== null && d.closeDay >= Math.max(from, today) && d.closeDay <= to)
      sum += ((d.amount ?? 0) * (d.probability ?? 0)) / 100;
  }
  return sum;
}

/** Per live window, the analog bookings of deals not yet created (scaled by growth); none for past windows. */
export function newDealsByWindow(
  aggregates: ScopeAggregates,
  candidates: readonly (readonly Analog[])[],
  live: readonly boolean[],
): number[][] {
  return candidates.map((list, k) => {
    if (!live[k] || aggregates.historyFrom === null) return [];
    const usable = new Set(usableAnalogs(list, aggregates.historyFrom));
    return scaleByGrowth(
      aggregates.analogs[k].filter((_, j) => usable.has(list[j])),
      aggregates.createdBeforeNow,
    );
  });
}

/** Owners with an open deal or a booking: what they booked, and that plus their deals' expected amounts. */
export function ownersOf(
  deals: readonly DealRecord[],
  expectedOf: readonly number[],
  booked: readonly { ownerId: string; booked: number }[],
  nameOf: (id: string) => string,
): OwnerForecastDto[] {
  const byOwner = new Map<string, { openDeals: number; booked: number; expected: number }>();
  const entry = (id: string) => byOwner.get(id) ?? byOwner.set(id, { openDeals: 0, booked: 0, expected: 0 }).get(id)!;
  for (const row of booked) {
    const e = entry(row.ownerId);
    e.booked += row.booked;
    e.expected += row.booked;
  }
  deals.forEach((deal, i) => {
    const e = entry(deal.ownerId);
    e.openDeals++;
    e.expected += expectedOf[i];
  });
  return [...byOwner]
    .map(([ownerId, e]) => ({
      ownerId,
      name: nameOf(ownerId),
      openDeals: e.openDeals,
      booked: cents(e.booked),
      expected: cents(e.expected),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.ownerId.localeCompare(b.ownerId));
}

export const average = (values: readonly number[]) =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
