// GET /api/forecast/accuracy: the backtest on the demo org. The predictive forecast must beat the
// weighted-pipeline baseline there; each window's actual bookings are recomputed here from the
// org's own records, and a rep's backtest covers their deals alone.
import { startStack, type Stack } from '../support/stack';
import { calendarQuarter, dayNumber, iso, orgDeals } from './support/org-deals';

let stack: Stack;
const tokens: Record<string, string> = {};
let anaId: string;

beforeAll(async () => {
  stack = await startStack();
  tokens.admin = await stack.userToken('integration@pulse.demo', { viewAll: true });
  tokens.ana = await stack.userToken('ana.souza@pulse.demo');
  tokens.marco = await stack.userToken('marco.alvarez@pulse.demo');
  anaId = stack.emulator.demo!.userIdsByUsername.get('ana.souza@pulse.demo')!;
}, 120_000);
afterAll(() => stack?.close());

interface Period {
  cutoff: string;
  from: string;
  to: string;
  actual: number;
  booked: number;
  openDeals: number;
  predictive: { expected: number; p10: number; p50: number; p90: number };
  baseline: { expected: number; p10: number; p50: number; p90: number };
}

/** Closed won with CloseDate in [from, to], from the org's records. */
function wonIn(from: string, to: string, owner?: string): number {
  return orgDeals(stack.emulator.store)
    .filter(
      (d) =>
        d.isWon && (!owner || d.ownerId === owner) && d.closeDay! >= dayNumber(from) && d.closeDay! <= dayNumber(to),
    )
    .reduce((sum, d) => sum + d.amount!, 0);
}

describe('GET /api/forecast/accuracy', () => {
  it('backtests the last four quarters month by month, and the predictive forecast beats the weighted pipeline', async () => {
    const { status, body } = await stack.api('/api/forecast/accuracy', tokens.admin);
    expect(status).toBe(200);
    expect(body.cadence).toBe('month');
    const today = Math.floor(Date.now() / 86_400_000);
    const first = calendarQuarter(today, -4);
    const last = calendarQuarter(today, -1);
    expect(body.periods).toHaveLength(12);
    expect(body.periods[0].cutoff).toBe(iso(first.from));
    expect(body.periods.at(-1).to).toBe(iso(last.to));
    for (const p of body.periods as Period[]) {
      expect(p.actual).toBeCloseTo(wonIn(p.from, p.to), 1);
      expect(p.booked).toBeLessThanOrEqual(p.actual + 0.01);
      expect(p.openDeals).toBeGreaterThan(0);
      for (const f of [p.predictive, p.baseline]) expect(f.p10 <= f.p50 && f.p50 <= f.p90).toBe(true);
    }
    expect(body.predictive.periods).toBe(12);
    expect(body.predictive.mape).toBeLessThan(body.baseline.mape);
    expect(body.predictive.coverage).toBeGreaterThanOrEqual(0);
    expect(body.quarterStarts.predictive.periods).toBe(4);
    expect(body.trainingSampleRate).toBe(1);
  });

  it('recomputes MAPE, bias and coverage from its own periods', async () => {
    const { body } = await stack.api('/api/forecast/accuracy?cadence=quarter&quarters=3', tokens.admin);
    const periods = body.periods as Period[];
    expect(periods.map((p) => p.cutoff)).toEqual(periods.map((p) => p.from));
    const errors = periods.map((p) => (p.predictive.expected - p.actual) / p.actual);
    expect(body.predictive.mape).toBeCloseTo(errors.reduce((s, e) => s + Math.abs(e), 0) / errors.length, 3);
    expect(body.predictive.bias).toBeCloseTo(errors.reduce((s, e) => s + e, 0) / errors.length, 3);
    const covered = periods.filter((p) => p.actual >= p.baseline.p10 && p.actual <= p.baseline.p90).length;
    expect(body.baseline.coverage).toBeCloseTo(covered / periods.length, 3);
  });

  it("backtests a rep's own deals only, and refuses another rep's", async () => {
    const { body } = await stack.api('/api/forecast/accuracy?cadence=quarter', tokens.ana);
    for (const p of body.periods as Period[]) expect(p.actual).toBeCloseTo(wonIn(p.from, p.to, anaId), 1);
    const admin = (await stack.api('/api/forecast/accuracy?cadence=quarter', tokens.admin)).body;
    expect(body.periods[0].openDeals).toBeLessThan(admin.periods[0].openDeals);
    const david = stack.emulator.demo!.userIdsByUsername.get('david.osei@pulse.demo')!;
    expect((await stack.api(`/api/forecast/accuracy?ownerId=${david}`, tokens.ana)).status).toBe(403);
    expect((await stack.api(`/api/forecast/accuracy?ownerId=${anaId}`, tokens.marco)).status).toBe(200);
  });

  it('refuses bad parameters with a 400 naming them', async () => {
    const cases: [string, string][] = [
      ['quarters=0', 'quarters must be a whole number from 1 to 12'],
      ['quarters=13', 'quarters must be a whole number from 1 to 12'],
      ['cadence=weekly', 'cadence must be one of month, quarter'],
      ['quarters=2&period=last_year', 'give quarters or a period, not both'],
      ['period=next_quarter', 'no completed fiscal quarter'],
      ['trials=10', 'trials must be a whole number'],
    ];
    for (const [query, message] of cases) {
      const { status, body } = await stack.api(`/api/forecast/accuracy?${query}`, tokens.admin);
      expect(status).toBe(400);
      expect(JSON.stringify(body.message)).toContain(message);
    }
  });
});
