// GET /api/forecast/predictive against the demo org: what is certain (bookings, the weighted
// pipeline, the deals forecast, the estimate for deals not yet created) recomputed here from the
// org's own records; what is simulated checked for determinism and sanity; and the incremental
// working set followed through changes made in the org.
import { ForecastEngine } from '../../src/forecast/engine/forecast-engine.service';
import { PredictiveForecastService } from '../../src/forecast/predictive/predictive-forecast.service';
import { eventually } from '../support/eventually';
import { startStack, type Stack } from '../support/stack';
import { expectedNewDeals } from './support/new-deals';
import { calendarQuarter, orgDeals } from './support/org-deals';

let stack: Stack;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  stack = await startStack();
  for (const name of ['marco.alvarez', 'ana.souza', 'david.osei']) {
    tokens[name] = await stack.userToken(`${name}@pulse.demo`);
    ids[name] = stack.emulator.demo!.userIdsByUsername.get(`${name}@pulse.demo`)!;
  }
  tokens.admin = await stack.userToken('integration@pulse.demo', { viewAll: true });
}, 120_000);
afterAll(() => stack?.close());

/** The forecast stands at the end of today (UTC). */
const instant = () => Math.floor(Date.now() / 86_400_000) + 1 - 1e-6;

describe('GET /api/forecast/predictive', () => {
  it("forecasts the rep's own open deals, with bookings, baseline and new-deal estimate as the org's records give them", async () => {
    const t = instant();
    const today = Math.floor(t);
    const quarter = calendarQuarter(today);
    const { status, body } = await stack.api('/api/forecast/predictive?limit=500', tokens['ana.souza']);
    expect(status).toBe(200);
    const mine = orgDeals(stack.emulator.store).filter((d) => d.ownerId === ids['ana.souza']);
    const open = mine.filter((d) => !d.isClosed);
    expect(body.dealCount).toBe(open.length);
    expect(body.deals.map((d: { opportunityId: string }) => d.opportunityId).sort()).toEqual(
      open.map((d) => d.id).sort(),
    );
    const booked = mine
      .filter((d) => d.isWon && d.closeDay! >= quarter.from && d.closeDay! <= quarter.to)
      .reduce((s, d) => s + d.amount!, 0);
    expect(body.total.booked).toBeCloseTo(booked, 2);
    const weighted = open
      .filter((d) => d.closeDay! >= today && d.closeDay! <= quarter.to)
      .reduce((s, d) => s + (d.amount! * d.probability!) / 100, 0);
    expect(body.total.weightedPipeline).toBeCloseTo(booked + weighted, 1);
    expect(body.total.newDeals).toBeCloseTo(expectedNewDeals(mine, t), 1);
    // The expected value is exact: booked + each deal's expected amount + the new-deal estimate.
    const fromDeals = body.deals.reduce((s: number, d: { expectedAmount: number }) => s + d.expectedAmount, 0);
    expect(body.total.expected).toBeCloseTo(booked + fromDeals + body.total.newDeals, -1);
    for (const deal of body.deals) {
      expect(deal.ownerId).toBe(ids['ana.souza']);
      expect(deal.inPeriodProbability).toBeGreaterThanOrEqual(0);
      expect(deal.inPeriodProbability).toBeLessThanOrEqual(1);
      expect(deal.winProbability).toBeGreaterThan(0);
      expect(deal.slipProbability).toBeCloseTo(Math.max(0, deal.winProbability - deal.inPeriodProbability), 3);
    }
  });

  it('gives the same percentiles for the same seed, other ones for another, in order', async () => {
    const run = async (seed: number) =>
      (await stack.api(`/api/forecast/predictive?seed=${seed}&limit=0`, tokens.admin)).body;
    const [a, b, c] = [await run(11), await run(11), await run(12)];
    expect(b.total).toEqual(a.total);
    expect([c.total.p10, c.total.p50, c.total.p90]).not.toEqual([a.total.p10, a.total.p50, a.total.p90]);
    expect(c.total.expected).toBeCloseTo(a.total.expected, 2);
    for (const x of [a.total, c.total]) {
      expect(x.p10).toBeLessThanOrEqual(x.p50);
      expect(x.p50).toBeLessThanOrEqual(x.p90);
      expect(x.p10).toBeGreaterThanOrEqual(x.booked);
    }
  });

  it('forecasts each quarter of a longer period, past ones as what they booked', async () => {
    const { body } = await stack.api('/api/forecast/predictive?period=this_year&limit=0', tokens.admin);
    expect(body.quarters).toHaveLength(4);
    const deals = orgDeals(stack.emulator.store);
    for (const q of body.quarters) {
      const won = deals
        .filter(
          (d) =>
            d.isWon && d.closeDay! >= Date.parse(q.from) / 86_400_000 && d.closeDay! <= Date.parse(q.to) / 86_400_000,
        )
        .reduce((s, d) => s + d.amount!, 0);
      expect(q.booked).toBeCloseTo(won, 1);
      if (q.status === 'past')
        expect([q.p10, q.p50, q.p90, q.expected].map(Math.round)).toEqual(Array(4).fill(Math.round(won)));
    }
    expect(body.total.expected).toBeCloseTo(
      body.quarters.reduce((s: number, q: { expected: number }) => s + q.expected, 0),
      0,
    );
    // The next quarter's model is learnt when first asked for.
    const next = await stack.api('/api/forecast/predictive?period=next_quarter&limit=0', tokens.admin);
    expect(next.body.model.models.map((m: { name: string }) => m.name)).toContain('quarter+1');
    expect(next.body.quarters[0].status).toBe('future');
  });

  it("shows a rep their deals, a manager their team's, and the model's coefficients to view-all only", async () => {
    const count = async (token: string) => (await stack.api('/api/forecast/predictive?limit=0', token)).body;
    const [rep, manager, admin] = [
      await count(tokens['ana.souza']),
      await count(tokens['marco.alvarez']),
      await count(tokens.admin),
    ];
    expect(rep.dealCount).toBeLessThan(manager.dealCount);
    expect(manager.dealCount).toBeLessThan(admin.dealCount);
    expect(rep.owners.map((o: { ownerId: string }) => o.ownerId)).toEqual([ids['ana.souza']]);
    expect(rep.model.models[0].coefficients).toBeNull();
    expect(rep.model.models[0].trainingExamples).toBeNull();
    expect(admin.model.models[0].coefficients.length).toBe(admin.model.features.length);
    const calibrationRows = (body: typeof rep) =>
      body.model.models[0].calibration.reduce((n: number, b: { count: number }) => n + b.count, 0);
    expect(calibrationRows(rep)).toBeLessThan(calibrationRows(admin));
    expect((await stack.api(`/api/forecast/predictive?ownerId=${ids['david.osei']}`, tokens['ana.souza'])).status).toBe(
      403,
    );
  });

  it('refuses bad parameters with a 400 naming them', async () => {
    const cases: [string, string][] = [
      ['seed=-1', 'seed must be a whole number'],
      ['trials=5', 'trials must be a whole number from 100 to 20000'],
      ['limit=many', 'limit must be a whole number'],
      ['period=custom&from=2026-11-15&to=2026-12-31', 'from must be the first day of a fiscal quarter'],
      ['period=custom&from=2026-10-01&to=2026-12-30', 'to must be the last day of a fiscal quarter'],
      ['period=custom&from=2024-01-01&to=2026-12-31', 'at most 8 fiscal quarters'],
    ];
    for (const [query, message] of cases) {
      const { status, body } = await stack.api(`/api/forecast/predictive?${query}`, tokens.admin);
      expect(status).toBe(400);
      expect(JSON.stringify(body.message)).toContain(message);
    }
  });

  it('re-reads and re-scores only the deals that change, and learns again when a deal closes', async () => {
    const engine = stack.app.get(ForecastEngine);
    const predictive = stack.app.get(PredictiveForecastService);
    const before = (await stack.api('/api/forecast/predictive?limit=500', tokens['ana.souza'])).body;
    // A deal without products (whose Amount products would override).
    const target = orgDeals(stack.emulator.store).find(
      (d) =>
        d.ownerId === ids['ana.souza'] &&
        !d.isClosed &&
        stack.emulator.store.get('Opportunity', d.id)!.HasOpportunityLineItem !== true,
    )!;
    const org = await stack.orgConnection();
    await org.sobject('Opportunity').update({ Id: target.id, Amount: target.amount! + 12_345 });
    const after = await eventually(async () => {
      const body = (await stack.api('/api/forecast/predictive?limit=500', tokens['ana.souza'])).body;
      expect(body.deals.find((d: { opportunityId: string }) => d.opportunityId === target.id).amount).toBe(
        target.amount! + 12_345,
      );
      return body;
    }, 15_000);
    expect(predictive.lastScored).toBeLessThanOrEqual(2); // the changed deal (and nothing else of hers)
    expect(after.model.trainedAt).toBe(before.model.trainedAt);

    engine.settings.retrainMinIntervalMs = 0;
    await org.sobject('Opportunity').update({ Id: target.id, StageName: 'Closed Won' });
    await eventually(async () => {
      const body = (await stack.api('/api/forecast/predictive?limit=500', tokens['ana.souza'])).body;
      expect(body.deals.some((d: { opportunityId: string }) => d.opportunityId === target.id)).toBe(false);
    }, 15_000);
    await engine.settled();
    const relearnt = (await stack.api('/api/forecast/predictive?limit=0', tokens['ana.souza'])).body;
    expect(relearnt.model.trainedAt).not.toBe(before.model.trainedAt);
  });
});
