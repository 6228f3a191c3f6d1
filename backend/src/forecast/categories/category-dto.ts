import { cents, ratio } from '../../pipeline/money';
import type { CategoryFiguresDto } from '../dto/category-forecast.dto';
import { addAmounts, cumulative, emptyAmounts, type CategoryAmounts } from './category-figures';

/** Several periods' amounts as one (quotas added where any is set). */
export function combine(periods: CategoryAmounts[]): CategoryAmounts {
  const sum = emptyAmounts();
  for (const p of periods) {
    addAmounts(sum, p);
    if (p.quota !== null) sum.quota = (sum.quota ?? 0) + p.quota;
  }
  return sum;
}

export function figures(a: CategoryAmounts): CategoryFiguresDto {
  const c = cumulative(a);
  return {
    closed: cents(a.closed),
    commit: cents(a.commit),
    bestCase: cents(a.bestCase),
    pipeline: cents(a.pipeline),
    omitted: cents(a.omitted),
    closedOnly: cents(c.closedOnly),
    commitForecast: cents(c.commitForecast),
    bestCaseForecast: cents(c.bestCaseForecast),
    openPipeline: cents(c.openPipeline),
    quota: a.quota === null ? null : cents(a.quota),
    attainment: a.quota ? ratio(a.closed, a.quota) : null,
    commitAttainment: a.quota ? ratio(c.commitForecast, a.quota) : null,
  };
}
