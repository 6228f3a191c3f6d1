// GET /api/opportunities/top against the demo org: the expected pages are the org's own
// Opportunity records, filtered, sorted and sliced here, with names from its Accounts and Users.
import { startStack, type Stack } from '../support/stack';
import {
  filterCases,
  inSegment,
  orgRows,
  ownersSeenBy,
  quarter,
  userId,
  type OrgRows,
  type Rec,
  type Segment,
} from './history-people-org';

type Status = 'open' | 'won' | 'lost' | 'all';
type Sort = 'amount' | 'closeDate' | 'probability' | 'name' | 'lastActivityDate';
type Direction = 'asc' | 'desc';

const FIELD: Record<Sort, string> = {
  amount: 'Amount',
  closeDate: 'CloseDate',
  probability: 'Probability',
  name: 'Name',
  lastActivityDate: 'LastActivityDate',
};

const STATUS: Record<Status, (o: Rec) => boolean> = {
  open: (o) => !o.IsClosed,
  won: (o) => o.IsWon === true,
  lost: (o) => o.IsClosed === true && !o.IsWon,
  all: () => true,
};

/** The documented order: by the field (empty values last either way), ties by Id in the same direction. */
function compare(sort: Sort, direction: Direction) {
  const sign = direction === 'asc' ? 1 : -1;
  const cmp = (a: unknown, b: unknown) => (a! < b! ? -1 : a! > b! ? 1 : 0);
  return (x: Rec, y: Rec) => {
    const [a, b] = [x[FIELD[sort]], y[FIELD[sort]]];
    if (a == null || b == null) return a == null && b == null ? sign * cmp(x.Id, y.Id) : a == null ? 1 : -1;
    return sign * (cmp(a, b) || cmp(x.Id, y.Id));
  };
}

interface Ask {
  seen: Set<string> | null;
  segment?: Segment;
  status?: Status;
  sort?: Sort;
  direction?: Direction;
  from: string;
  to: string;
}

function expectedIds(org: OrgRows, ask: Ask): string[] {
  const sort = ask.sort ?? 'amount';
  const direction = ask.direction ?? (sort === 'closeDate' || sort === 'name' ? 'asc' : 'desc');
  return org.opportunities
    .filter(
      (o) =>
        (!ask.seen || ask.seen.has(o.OwnerId as string)) &&
        (o.CloseDate as string) >= ask.from &&
        (o.CloseDate as string) <= ask.to &&
        STATUS[ask.status ?? 'open'](o) &&
        inSegment(org, o, ask.segment ?? {}),
    )
    .sort(compare(sort, direction))
    .map((o) => o.Id);
}

const ids = (body: { opportunities: { id: string }[] }) => body.opportunities.map((o) => o.id);

describe('GET /api/opportunities/top', () => {
  let stack: Stack;
  let org: OrgRows;
  const tokens: Record<string, string> = {};
  const viewers = {
    rep: { username: 'ana.souza@pulse.demo', viewAll: false },
    manager: { username: 'marco.alvarez@pulse.demo', viewAll: false },
    admin: { username: 'dana.whitfield@pulse.demo', viewAll: true },
  };
  type Name = keyof typeof viewers;
  const seenBy = (name: Name) => ownersSeenBy(org, viewers[name].username, viewers[name].viewAll);
  const [from, to] = [quarter(-1).from, quarter(1).to];
  const custom = `period=custom&from=${from}&to=${to}`;

  beforeAll(async () => {
    stack = await startStack();
    org = orgRows(stack);
    for (const [name, v] of Object.entries(viewers)) tokens[name] = await stack.userToken(v.username, v);
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  it.each(Object.keys(viewers) as Name[])(
    "lists the %s's largest open deals closing this quarter, 25 a page",
    async (name) => {
      const { status, body } = await stack.api('/api/opportunities/top', tokens[name]);
      expect(status).toBe(200);
      const now = quarter(0);
      const expected = expectedIds(org, { seen: seenBy(name), ...now });
      expect(expected.length).toBeGreaterThan(0);
      expect(ids(body)).toEqual(expected.slice(0, 25));
      expect(body).toMatchObject({
        total: expected.length,
        limit: 25,
        offset: 0,
        nextOffset: expected.length > 25 ? 25 : null,
        status: 'open',
        sort: 'amount',
        direction: 'desc',
        period: now,
      });
    },
  );

  it('gives each deal its Id, fields, account name and owner name from the org', async () => {
    const { body } = await stack.api(`/api/opportunities/top?${custom}&status=all&limit=200`, tokens.manager);
    expect(body.opportunities).toHaveLength(200);
    const deals = new Map(org.opportunities.map((o) => [o.Id, o]));
    const users = new Map(org.users.map((u) => [u.Id, u]));
    for (const row of body.opportunities) {
      const o = deals.get(row.id)!;
      expect(row).toEqual({
        id: o.Id,
        name: o.Name,
        accountId: o.AccountId,
        accountName: org.accounts.get(o.AccountId as string)?.Name ?? null,
        ownerId: o.OwnerId,
        ownerName: users.get(o.OwnerId as string)!.Name,
        stageName: o.StageName,
        amount: o.Amount,
        probability: o.Probability,
        closeDate: o.CloseDate,
        forecastCategory: o.ForecastCategoryName,
        type: o.Type,
        lastActivityDate: o.LastActivityDate,
        isClosed: o.IsClosed,
        isWon: o.IsWon,
      });
    }
  });

  const sorts: [Sort, Direction][] = (
    ['amount', 'closeDate', 'probability', 'name', 'lastActivityDate'] as const
  ).flatMap((s) => [
    [s, 'asc'],
    [s, 'desc'],
  ]);
  it.each(sorts)('sorts by %s %s, and its pages put together are the whole list', async (sort, direction) => {
    const expected = expectedIds(org, { seen: null, status: 'all', sort, direction, from, to });
    const pages: string[] = [];
    for (let offset: number | null = 0; offset !== null;) {
      const query = `${custom}&status=all&sort=${sort}&direction=${direction}&limit=200&offset=${offset}`;
      const { body } = await stack.api(`/api/opportunities/top?${query}`, tokens.admin);
      expect(body.total).toBe(expected.length);
      pages.push(...ids(body));
      offset = body.nextOffset;
    }
    expect(expected.length).toBeGreaterThan(400); // three pages at least
    expect(pages).toEqual(expected);
  });

  it.each(['won', 'lost', 'all'] as Status[])('lists %s deals when asked', async (status) => {
    const { body } = await stack.api(`/api/opportunities/top?${custom}&status=${status}&limit=50`, tokens.rep);
    const expected = expectedIds(org, { seen: seenBy('rep'), status, from, to });
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(body)).toEqual(expected.slice(0, 50));
    expect(body.total).toBe(expected.length);
  });

  it('pages by offset, with nothing past the end', async () => {
    const expected = expectedIds(org, { seen: seenBy('manager'), status: 'all', from, to });
    const { body } = await stack.api(`/api/opportunities/top?${custom}&status=all&limit=7&offset=10`, tokens.manager);
    expect(ids(body)).toEqual(expected.slice(10, 17));
    expect(body.nextOffset).toBe(17);
    const past = await stack.api(
      `/api/opportunities/top?${custom}&status=all&offset=${expected.length}`,
      tokens.manager,
    );
    expect(past.body).toMatchObject({ opportunities: [], total: expected.length, nextOffset: null });
  });

  it('applies each filter, and each changes the answer', async () => {
    const all = await stack.api(`/api/opportunities/top?${custom}&status=all`, tokens.admin);
    for (const c of filterCases(org, null)) {
      const { status, body } = await stack.api(`/api/opportunities/top?${custom}&status=all&${c.query}`, tokens.admin);
      expect({ filter: c.name, status }).toEqual({ filter: c.name, status: 200 });
      const expected = expectedIds(org, { seen: null, segment: c.segment, status: 'all', from, to });
      expect({ filter: c.name, ids: ids(body) }).toEqual({ filter: c.name, ids: expected.slice(0, 25) });
      expect({ filter: c.name, changed: body.total !== all.body.total }).toEqual({ filter: c.name, changed: true });
    }
  });

  it("refuses another team's owner with 403", async () => {
    const east = userId(org, 'david.osei@pulse.demo');
    expect((await stack.api(`/api/opportunities/top?ownerId=${east}`, tokens.manager)).status).toBe(403);
    const peer = userId(org, 'ben.carter@pulse.demo');
    expect((await stack.api(`/api/opportunities/top?ownerId=${peer}`, tokens.rep)).status).toBe(403);
    expect((await stack.api(`/api/opportunities/top?ownerId=${east}`, tokens.admin)).status).toBe(200);
  });

  it.each([
    ['status=closed', 'status'],
    ['sort=stage', 'sort'],
    ['direction=up', 'direction'],
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=2.5', 'limit'],
    ['offset=-1', 'offset'],
    ['offset=abc', 'offset'],
    ['colour=blue', 'colour'],
    ['period=fortnight', 'period'],
    ['period=custom&from=2026-02-01&to=2026-01-01', 'from'],
    ['ownerId=not-an-id', 'ownerId'],
    ['teamRoleId=00E', 'teamRoleId'],
    ['productId=%27%3B--', 'productId'],
    ['accountSize=huge', 'accountSize'],
  ])('answers ?%s with 400 naming %s', async (query, parameter) => {
    const { status, body } = await stack.api(`/api/opportunities/top?${query}`, tokens.admin);
    expect(status).toBe(400);
    expect(JSON.stringify(body.message)).toContain(parameter);
  });
});
