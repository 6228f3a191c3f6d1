// What the platform computes on an opportunity's save: the stage's defaults (probability, forecast
// category, IsClosed/IsWon), ForecastCategory from ForecastCategoryName, the fiscal period of the
// close date, ExpectedRevenue, and Amount as the products' total once the deal has products.
import type { SObjectRecord } from '../schema.ts';
import type { OrgStore } from '../store.ts';
import { lineItemTotals } from './lineItems.ts';

type Values = Record<string, unknown>;

/** ForecastCategoryName (a label) -> ForecastCategory (its API value). */
export const FORECAST_CATEGORY_OF: Readonly<Record<string, string>> = {
  Pipeline: 'Pipeline',
  'Best Case': 'BestCase',
  'Most Likely': 'MostLikely',
  Commit: 'Forecast',
  Closed: 'Closed',
  Omitted: 'Omitted',
};

/** The standard fiscal year (January start): FiscalYear, FiscalQuarter and Fiscal ("2026 3"). */
export function fiscalOf(closeDate: unknown): { FiscalYear: number; FiscalQuarter: number; Fiscal: string } | null {
  if (typeof closeDate !== 'string') return null;
  const year = Number(closeDate.slice(0, 4));
  const quarter = Math.floor((Number(closeDate.slice(5, 7)) - 1) / 3) + 1;
  return { FiscalYear: year, FiscalQuarter: quarter, Fiscal: `${year} ${quarter}` };
}

function stageOf(store: OrgStore, stageName: unknown): SObjectRecord | undefined {
  for (const stage of store.scan('OpportunityStage')) if (stage.ApiName === stageName) return stage;
  return undefined;
}

export function deriveOpportunity(
  store: OrgStore,
  before: SObjectRecord | undefined,
  after: SObjectRecord,
  now: string,
): Values {
  const out: Values = {};
  const stageChanged = !before || before.StageName !== after.StageName;
  const stage = stageOf(store, after.StageName);
  if (stage && stageChanged) {
    out.IsClosed = stage.IsClosed;
    out.IsWon = stage.IsWon;
    // Salesforce resets these to the stage's defaults unless the same save set them explicitly.
    if (!before ? after.Probability == null : before.Probability === after.Probability)
      out.Probability = stage.DefaultProbability;
    if (!before ? after.ForecastCategoryName == null : before.ForecastCategoryName === after.ForecastCategoryName) {
      out.ForecastCategoryName = stage.ForecastCategoryName;
    }
    out.LastStageChangeDate = now;
  }
  // With products the amount is their total; a write to Amount is ignored, not refused.
  if (before?.HasOpportunityLineItem === true && after.Amount !== before.Amount) {
    out.Amount = lineItemTotals(store, after.Id).total;
  }
  const forecastName = (out.ForecastCategoryName ?? after.ForecastCategoryName) as string | null;
  out.ForecastCategory = forecastName == null ? null : (FORECAST_CATEGORY_OF[forecastName] ?? null);
  Object.assign(out, fiscalOf(after.CloseDate));
  const amount = (out.Amount ?? after.Amount) as number | null;
  const probability = (out.Probability ?? after.Probability) as number | null;
  out.ExpectedRevenue = amount == null || probability == null ? null : (amount * probability) / 100;
  return out;
}
