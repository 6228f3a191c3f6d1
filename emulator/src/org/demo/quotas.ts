// Collaborative Forecasts set-up: the revenue forecast type, a Period per quarter, and a quota per
// user per quarter. A rep's quota follows the last four quarters' bookings plus a stretch, so
// attainment varies by rep and quarter; a manager's quota is the team's (a director's or area VP's
// their teams'), the VP's everyone's.
import { DAY } from './calendar.ts';
import type { DemoContext } from './context.ts';
import type { DealWriter } from './dealRecords.ts';
import type { Team } from './team.ts';

const STRETCH = 1.25;
const FLOOR = 25_000;

export function seedForecasting(ctx: DemoContext, team: Team, deals: DealWriter): number {
  const { store, calendar, rand, now, orgStart } = ctx;
  const setUp = calendar.dateTime(orgStart);
  const forecastingType = store.seed('ForecastingType', {
    DeveloperName: 'OpportunityRevenue',
    MasterLabel: 'Opportunity Revenue',
    IsActive: true,
    IsAmount: true,
    IsQuantity: false,
    DateType: 'OpportunityCloseDate',
    RoleType: 'R',
    SystemModstamp: setUp,
  }).Id;
  const { firstQuarter, quarters, wonByRepQuarter } = deals;
  const periodIds: string[] = [];
  for (let q = 0; q < quarters; q++) {
    const quarter = firstQuarter + q;
    periodIds.push(
      store.seed('Period', {
        Type: 'Quarter',
        StartDate: calendar.date(calendar.quarterStart(quarter)),
        EndDate: calendar.date(calendar.quarterEnd(quarter) - 1),
        Number: (quarter % 4) + 1,
        IsForecastPeriod: true,
        FullyQualifiedLabel: `Q${(quarter % 4) + 1} FY${Math.floor(quarter / 4)}`,
        SystemModstamp: setUp,
      }).Id,
    );
  }

  const quota = (ownerId: string, q: number, amount: number) => {
    const start = calendar.quarterStart(firstQuarter + q);
    const stamp = calendar.dateTime(Math.min(now, Math.max(orgStart, (start - 20) * DAY)));
    store.seed('ForecastingQuota', {
      IsDeleted: false,
      CreatedDate: stamp,
      CreatedById: team.vpUserId,
      LastModifiedDate: stamp,
      LastModifiedById: team.vpUserId,
      SystemModstamp: stamp,
      QuotaOwnerId: ownerId,
      StartDate: calendar.date(start),
      QuotaAmount: amount,
      QuotaQuantity: null,
      ForecastingTypeId: forecastingType,
      PeriodId: periodIds[q],
      IsAmount: true,
      IsQuantity: false,
      ProductFamily: null,
      CurrencyIsoCode: 'USD',
    });
  };

  const teamTotals = new Float64Array(team.managerIds.length * quarters);
  const allTotals = new Float64Array(quarters);
  ctx.reps.forEach((rep, r) => {
    const won = wonByRepQuarter.subarray(r * quarters, (r + 1) * quarters);
    const overall = won.reduce((a, b) => a + b, 0) / quarters;
    for (let q = 0; q < quarters; q++) {
      const trailing = won.subarray(Math.max(0, q - 4), q);
      const base = trailing.length > 0 ? trailing.reduce((a, b) => a + b, 0) / trailing.length : overall;
      const amount = Math.max(FLOOR, Math.round((base * STRETCH * rand.between(0.9, 1.15)) / 5_000) * 5_000);
      quota(rep.userId, q, amount);
      teamTotals[rep.team * quarters + q] += amount;
      allTotals[q] += amount;
    }
  });
  team.managerIds.forEach((managerId, t) => {
    for (let q = 0; q < quarters; q++) quota(managerId, q, teamTotals[t * quarters + q]);
  });
  // Managers of managers (deeper hierarchies only): the teams below them.
  for (const leader of team.leaders) {
    for (let q = 0; q < quarters; q++) {
      quota(
        leader.userId,
        q,
        leader.teams.reduce((sum, t) => sum + teamTotals[t * quarters + q], 0),
      );
    }
  }
  for (let q = 0; q < quarters; q++) quota(team.vpUserId, q, allTotals[q]);
  return (ctx.reps.length + team.managerIds.length + team.leaders.length + 1) * quarters;
}
