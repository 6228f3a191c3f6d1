// GET /api/pipeline/movement against the demo org: both snapshots rebuilt here from the org's
// OpportunityHistory rows, every flow counted from them, and the waterfall checked to add up.
import { startStack, type Stack } from '../support/stack';
import {
  expectMoney,
  filterCases,
  inSegment,
  ms,
  orgRows,
  ownersSeenBy,
  quarter,
  sum,
  today,
  userId,
  type OrgRows,
  type Rec,
  type Segment,
} from './history-people-org';

const FLOWS = ['start', 'new', 'pulledIn', 'reopened', 'won', 'lost', 'pushedOut', 'advanced', 'slipped', 'end'];
type Flows = Record<string, { count: number; amount: number }>;

const midnight = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** Each flow's deals, from the state of every deal as its history stood at two instants. */
function expectedMovement(
  org: OrgRows,
  seen: Set<string> | null,
  segment: Segment,
  period: { from: string; to: string },
  snapshots: { from: string; to: string },
): Flows {
  const stage = new Map(org.stages.map((s) => [s.ApiName as string, s]));
  const rows = new Map<string, Rec[]>();
  for (const h of org.history) rows.set(h.OpportunityId as string, [...(rows.get(h.OpportunityId as string) ?? []), h]);
  const startAt = midnight(snapshots.from);
  const endAt = midnight(snapshots.to) + 86_400_000;
  const asOf = (id: string, at: number) =>
    (rows.get(id) ?? [])
      .filter((h) => ms(h.CreatedDate) < at)
      .sort((a, b) => ms(a.CreatedDate) - ms(b.CreatedDate) || (a.Id < b.Id ? -1 : 1))
      .at(-1);
  const status = (h: Rec | undefined) =>
    !h
      ? 'absent'
      : stage.get(h.StageName as string)?.IsWon
        ? 'won'
        : stage.get(h.StageName as string)?.IsClosed
          ? 'lost'
          : 'open';
  const inPeriod = (h: Rec | undefined) => !!h && h.CloseDate! >= period.from && h.CloseDate! <= period.to;
  const flows: Flows = Object.fromEntries(FLOWS.map((f) => [f, { count: 0, amount: 0 }]));
  const add = (flow: string, h: Rec) => {
    flows[flow].count++;
    flows[flow].amount += (h.Amount as number | null) ?? 0;
  };

  for (const o of org.opportunities) {
    if ((seen && !seen.has(o.OwnerId as string)) || !inSegment(org, o, segment)) continue;
    const [f, t] = [asOf(o.Id, startAt), asOf(o.Id, endAt)];
    if (!t) continue; // created after the second snapshot
    const [was, is] = [status(f), status(t)];
    const inStart = was === 'open' && inPeriod(f);
    const inEnd = is === 'open' && inPeriod(t);
    const closedMeanwhile = is !== 'open' && (was === 'absent' || was === 'open');
    const arrived = inEnd || (closedMeanwhile && inPeriod(t));
    let tracked = true;
    if (inStart) add('start', f!);
    else if (was === 'absent' && arrived) add('new', t);
    else if (was === 'open' && arrived) add('pulledIn', t);
    else if ((was === 'won' || was === 'lost') && inEnd) add('reopened', t);
    else tracked = false;
    if (!tracked) continue;
    if (closedMeanwhile) add(is, t);
    else if (inEnd) add('end', t);
    else add('pushedOut', t);
    const [before, after] = [stage.get(f?.StageName as string), stage.get(t.StageName as string)];
    if (inStart && is === 'open' && before && after && before.SortOrder !== after.SortOrder)
      add((after.SortOrder as number) > (before.SortOrder as number) ? 'advanced' : 'slipped', t);
  }
  return flows;
}

function expectFlows(actual: Flows, expected: Flows): void {
  expect(Object.fromEntries(FLOWS.map((f) => [f, actual[f].count]))).toEqual(
    Object.fromEntries(FLOWS.map((f) => [f, expected[f].count])),
  );
  for (const f of FLOWS) expectMoney(actual[f].amount, expected[f].amount);
}

interface WaterfallStep {
  step: string;
  kind: 'total' | 'delta';
  count: number;
  amount: number;
}

function expectWaterfallAddsUp(waterfall: WaterfallStep[]): void {
  const [start, ...rest] = waterfall;
  const end = rest.pop()!;
  expect([start.step, end.step]).toEqual(['start', 'end']);
  expect(rest.every((s) => s.kind === 'delta')).toBe(true);
  expect(start.count + sum(rest.map((s) => s.count))).toBe(end.count);
  expectMoney(start.amount + sum(rest.map((s) => s.amount)), end.amount);
}

describe('GET /api/pipeline/movement', () => {
  let stack: Stack;
  let org: OrgRows;
  const tokens: Record<string, string> = {};
  const viewers = {
    rep: { username: 'ana.souza@pulse.demo', viewAll: false },
    manager: { username: 'marco.alvarez@pulse.demo', viewAll: false },
    admin: { username: 'integration@pulse.demo', viewAll: true },
  };
  const thisQuarter = quarter(0);

  beforeAll(async () => {
    stack = await startStack();
    org = orgRows(stack);
    for (const [name, v] of Object.entries(viewers)) tokens[name] = await stack.userToken(v.username, v);
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  it.each(Object.keys(viewers) as (keyof typeof viewers)[])(
    "moves the %s's pipeline from the quarter's first day to today as the org history says",
    async (name) => {
      const { username, viewAll } = viewers[name];
      const { status, body } = await stack.api('/api/pipeline/movement', tokens[name]);
      expect(status).toBe(200);
      expect(body).toMatchObject({ from: thisQuarter.from, to: today(), period: thisQuarter });
      const snapshots = { from: thisQuarter.from, to: today() };
      expectFlows(body.flows, expectedMovement(org, ownersSeenBy(org, username, viewAll), {}, thisQuarter, snapshots));
    },
  );

  it('adds up: start plus every step of the waterfall is the end, with real movement in it', async () => {
    for (const name of Object.keys(viewers)) {
      for (const query of ['', '?period=last_quarter', '?period=this_year']) {
        const { body } = await stack.api(`/api/pipeline/movement${query}`, tokens[name]);
        expectWaterfallAddsUp(body.waterfall);
        const steps = new Map<string, WaterfallStep>(body.waterfall.map((s: WaterfallStep) => [s.step, s]));
        expect(steps.get('won')!.amount).toBeCloseTo(-body.flows.won.amount, 2);
        expect(steps.get('amountChanged')!.amount).toBeCloseTo(body.amountChanged, 2);
      }
    }
    // A whole past quarter is busy enough that the identity is not trivially 0 = 0.
    const { body } = await stack.api('/api/pipeline/movement?period=last_quarter', tokens.admin);
    for (const flow of ['start', 'new', 'pulledIn', 'won', 'lost', 'pushedOut', 'advanced', 'end'])
      expect({ flow, some: body.flows[flow].count > 0 }).toEqual({ flow, some: true });
  });

  it('takes two snapshot dates as a custom period, and a named period to its last day', async () => {
    const last = quarter(-1);
    const named = await stack.api('/api/pipeline/movement?period=last_quarter', tokens.admin);
    expect(named.body).toMatchObject({ from: last.from, to: last.to });
    expectFlows(named.body.flows, expectedMovement(org, null, {}, last, last));

    const window = { from: quarter(-2).from, to: last.to };
    const custom = await stack.api(`/api/pipeline/movement?from=${window.from}&to=${window.to}`, tokens.admin);
    expect(custom.status).toBe(200);
    expect(custom.body.period).toMatchObject(window);
    expectFlows(custom.body.flows, expectedMovement(org, null, {}, window, window));
    expectWaterfallAddsUp(custom.body.waterfall);
  });

  it('applies each filter, and each changes the answer', async () => {
    const all = await stack.api('/api/pipeline/movement', tokens.admin);
    const snapshots = { from: thisQuarter.from, to: today() };
    for (const c of filterCases(org, null)) {
      const { status, body } = await stack.api(`/api/pipeline/movement?${c.query}`, tokens.admin);
      expect({ filter: c.name, status }).toEqual({ filter: c.name, status: 200 });
      expectFlows(body.flows, expectedMovement(org, null, c.segment, thisQuarter, snapshots));
      expectWaterfallAddsUp(body.waterfall);
      expect({ filter: c.name, changed: JSON.stringify(body.flows) !== JSON.stringify(all.body.flows) }).toEqual({
        filter: c.name,
        changed: true,
      });
    }
  });

  it('documents the snapshot dates and every flow in the OpenAPI document', async () => {
    const { body } = await stack.api('/docs-json');
    const get = body.paths['/api/pipeline/movement'].get;
    const from = get.parameters.find((p: { name: string }) => p.name === 'from');
    expect(from).toMatchObject({ in: 'query', required: false, schema: { example: '2026-10-01' } });
    expect(from.description).toMatch(/snapshot/);
    expect(Object.keys(body.components.schemas.MovementFlowsDto.properties)).toEqual(FLOWS);
  });

  it("refuses another team's owner with 403", async () => {
    const east = userId(org, 'priya.natarajan@pulse.demo');
    expect((await stack.api(`/api/pipeline/movement?ownerId=${east}`, tokens.manager)).status).toBe(403);
    const peer = userId(org, 'chloe.kim@pulse.demo');
    expect((await stack.api(`/api/pipeline/movement?ownerId=${peer}`, tokens.rep)).status).toBe(403);
  });

  it.each([
    ['from=2026-10-01', 'to'],
    ['to=2026-10-01', 'from'],
    ['from=2026-10-32&to=2026-11-01', 'from'],
    ['from=2026-10-01&to=yesterday', 'to'],
    ['from=2026-11-01&to=2026-10-01', 'from'],
    ['period=last_quarter&from=2026-10-01&to=2026-11-01', 'from'],
    ['period=quarter', 'period'],
    ['ownerId=x', 'ownerId'],
    ['accountSize=0', 'accountSize'],
  ])('answers ?%s with 400 naming %s', async (query, parameter) => {
    const { status, body } = await stack.api(`/api/pipeline/movement?${query}`, tokens.manager);
    expect(status).toBe(400);
    expect(JSON.stringify(body.message)).toContain(parameter);
  });
});
