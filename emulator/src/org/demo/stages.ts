// The org's sales process: the standard stages with their default probability and forecast
// category, and the shape of a deal's path through them.
import type { OrgStore } from '../store.ts';
import { FORECAST_CATEGORY_OF } from '../platform/opportunity.ts';

export const WON = 8;
export const LOST = 9;
/** The stage a deal gets its products (and so a priced Amount) in: Proposal/Price Quote. */
export const PROPOSAL = 6;
export const NEGOTIATION = 7;

export const STAGE_NAMES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Perception Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
];
export const STAGE_PROBABILITY = [10, 10, 20, 50, 60, 70, 75, 90, 100, 0];
export const STAGE_FORECAST_NAME = [
  'Pipeline',
  'Pipeline',
  'Pipeline',
  'Pipeline',
  'Pipeline',
  'Best Case',
  'Best Case',
  'Commit',
  'Closed',
  'Omitted',
];
export const STAGE_FORECAST = STAGE_FORECAST_NAME.map((name) => FORECAST_CATEGORY_OF[name]);

/** Share of a deal's cycle spent in each open stage (proposal and negotiation take longest). */
export const STAGE_SHARE = [0.08, 0.12, 0.14, 0.14, 0.11, 0.11, 0.16, 0.14];
/** Stages a deal may pass over (small deals skip more). */
export const SKIPPABLE = [false, true, false, false, true, true, false, false];
/** Where lost deals die: mostly early. */
export const LOSS_STAGE_WEIGHTS = [20, 20, 17, 13, 9, 8, 8, 5];

export function seedStages(store: OrgStore, systemModstamp: string): void {
  STAGE_NAMES.forEach((name, i) => {
    store.seed('OpportunityStage', {
      MasterLabel: name,
      ApiName: name,
      SortOrder: i + 1,
      IsActive: true,
      IsClosed: i >= WON,
      IsWon: i === WON,
      DefaultProbability: STAGE_PROBABILITY[i],
      ForecastCategory: STAGE_FORECAST[i],
      ForecastCategoryName: STAGE_FORECAST_NAME[i],
      SystemModstamp: systemModstamp,
    });
  });
}
