// Fields the platform computes on save, so that writes and their change events carry what a real
// org would: stage-driven probability and forecast category, IsClosed/IsWon, User.Name.
import type { SObjectRecord } from './schema.ts';
import type { OrgStore } from './store.ts';

type Values = Record<string, unknown>;

function stageOf(store: OrgStore, stageName: unknown): SObjectRecord | undefined {
  for (const stage of store.scan('OpportunityStage')) if (stage.ApiName === stageName) return stage;
  return undefined;
}

function opportunity(store: OrgStore, before: SObjectRecord | undefined, after: SObjectRecord, now: string): Values {
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
  const amount = after.Amount as number | null;
  const probability = (out.Probability ?? after.Probability) as number | null;
  out.ExpectedRevenue = amount == null || probability == null ? null : (amount * probability) / 100;
  return out;
}

function user(after: SObjectRecord): Values {
  return { Name: [after.FirstName, after.LastName].filter(Boolean).join(' ') };
}

export function deriveFields(
  store: OrgStore,
  sobject: string,
  before: SObjectRecord | undefined,
  after: SObjectRecord,
  now: string,
): Values {
  switch (sobject) {
    case 'Opportunity':
      return opportunity(store, before, after, now);
    case 'User':
      return user(after);
    default:
      return {};
  }
}
