// Reads the emulated org's records straight from its store (not through Pulse) into plain shapes:
// the independent side of every comparison in these tests.
import type { OrgStore, SObjectRecord } from '@pulse/emulator';
import type { DealRecord, HistoryPoint } from '../../../src/forecast/history/deal-timeline';
import type { StageRow } from '../../../src/forecast/history/stage-catalog';
import type { OwnerMonth } from '../../../src/forecast/model/owner-record';

export const DAY = 86_400_000;
/** Salesforce datetime text -> fractional day number. */
export const instant = (text: unknown) => Date.parse(String(text).replace(/\+0000$/, 'Z')) / DAY;
/** 'YYYY-MM-DD' -> whole day number. */
export const dayNumber = (text: string) => Date.parse(`${text}T00:00:00Z`) / DAY;
const day = (text: unknown) => (typeof text === 'string' ? dayNumber(text) : null);
const num = (value: unknown) => (typeof value === 'number' ? value : null);

export const live = (store: OrgStore, sobject: string): SObjectRecord[] =>
  [...store.scan(sobject)].filter((r) => r.IsDeleted !== true);

export function orgDeals(store: OrgStore): DealRecord[] {
  const history = new Map<string, HistoryPoint[]>();
  const rows = live(store, 'OpportunityHistory');
  rows.sort((a, b) => instant(a.CreatedDate) - instant(b.CreatedDate) || String(a.Id).localeCompare(String(b.Id)));
  for (const h of rows) {
    const list = history.get(String(h.OpportunityId)) ?? [];
    list.push({
      at: instant(h.CreatedDate),
      stageName: (h.StageName as string | null) ?? null,
      amount: num(h.Amount),
      closeDay: day(h.CloseDate),
      probability: num(h.Probability),
    });
    history.set(String(h.OpportunityId), list);
  }
  return live(store, 'Opportunity').map((o) => ({
    id: String(o.Id),
    name: String(o.Name),
    ownerId: String(o.OwnerId),
    createdAt: instant(o.CreatedDate),
    modifiedAt: instant(o.SystemModstamp),
    stageName: String(o.StageName),
    amount: num(o.Amount),
    closeDay: day(o.CloseDate),
    isClosed: o.IsClosed === true,
    isWon: o.IsWon === true,
    probability: num(o.Probability),
    type: (o.Type as string | null) ?? null,
    leadSource: (o.LeadSource as string | null) ?? null,
    history: history.get(String(o.Id)) ?? [],
  }));
}

export function orgStages(store: OrgStore): StageRow[] {
  return [...store.scan('OpportunityStage')].map((s) => ({
    apiName: String(s.ApiName),
    sortOrder: num(s.SortOrder),
    isActive: s.IsActive === true,
    isClosed: s.IsClosed === true,
    isWon: s.IsWon === true,
    defaultProbability: num(s.DefaultProbability),
    forecastCategoryName: (s.ForecastCategoryName as string | null) ?? null,
  }));
}

/** Closed deals per owner and CloseDate month. */
export function orgOwnerMonths(deals: readonly DealRecord[]): OwnerMonth[] {
  const months = new Map<string, OwnerMonth>();
  for (const deal of deals) {
    if (!deal.isClosed || deal.closeDay === null) continue;
    const date = new Date(deal.closeDay * DAY);
    const month = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY;
    const key = `${deal.ownerId}|${month}`;
    const row = months.get(key) ?? { ownerId: deal.ownerId, month, won: 0, closed: 0 };
    row.closed++;
    if (deal.isWon) row.won++;
    months.set(key, row);
  }
  return [...months.values()];
}

/** Calendar quarters (the org's fiscal year starts in January): [first day, last day] as day numbers. */
export function calendarQuarter(dayNumberIn: number, offset = 0): { from: number; to: number } {
  const date = new Date(dayNumberIn * DAY);
  const q = date.getUTCFullYear() * 4 + Math.floor(date.getUTCMonth() / 3) + offset;
  const from = Date.UTC(Math.floor(q / 4), (q % 4) * 3, 1) / DAY;
  const to = Date.UTC(Math.floor((q + 1) / 4), ((q + 1) % 4) * 3, 1) / DAY - 1;
  return { from, to };
}

export const iso = (dayNumberIn: number) => new Date(Math.floor(dayNumberIn) * DAY).toISOString().slice(0, 10);
