import { cents } from '../../pipeline/money';
import type { DealForecastDto } from '../dto/predictive-forecast.dto';
import { isoOf } from '../history/days';
import { stateAt, type DealRecord } from '../history/deal-timeline';
import type { ForecastModel } from '../model/forecast-model';
import { monthStart, type OwnerRecord } from '../model/owner-record';

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * The `limit` deals expected to book the most in the period, described in full. Only these get a
 * win probability (a second model): a million-deal org lists fifty, not a million.
 */
export function listedDeals(
  deals: readonly DealRecord[],
  inPeriod: readonly number[],
  expectedOf: readonly number[],
  model: ForecastModel,
  owners: OwnerRecord,
  t: number,
  limit: number,
): DealForecastDto[] {
  const order = deals
    .map((_, i) => i)
    .sort((a, b) => expectedOf[b] - expectedOf[a] || (deals[a].id < deals[b].id ? -1 : 1));
  return order.slice(0, limit).map((i) => {
    const d = deals[i];
    const state = stateAt(d, t, model.features.stages);
    const win = state ? model.winProbability(state, d, t, owners.rate(d.ownerId, monthStart(t))) : 0;
    return {
      opportunityId: d.id,
      name: d.name ?? null,
      ownerId: d.ownerId,
      stageName: d.stageName,
      amount: cents(d.amount),
      closeDate: d.closeDay === null ? null : isoOf(d.closeDay),
      stageProbability: (d.probability ?? 0) / 100,
      winProbability: round(win),
      inPeriodProbability: round(inPeriod[i]),
      slipProbability: round(Math.max(0, win - inPeriod[i])),
      expectedAmount: cents(expectedOf[i]),
    };
  });
}
