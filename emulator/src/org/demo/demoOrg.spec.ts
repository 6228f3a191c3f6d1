// The demo org generator: deterministic, internally consistent (references, history, products,
// quotas), and shaped like a real pipeline (reps, segments and quarters differ).
import { createHash } from 'node:crypto';
import { describeSObject, SOBJECTS, type SObjectRecord } from '../schema.ts';
import { OrgStore } from '../store.ts';
import { seedDemoOrg, DEMO_USERS, type DemoOrgOptions } from '../demoOrg.ts';

const NOW = Date.UTC(2026, 10, 24, 9);
const DAY = 86_400_000;
const OPEN_STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Perception Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
];

function generate(options: DemoOrgOptions = {}) {
  const store = new OrgStore({ orgId: '00D000000000001AAA', clock: () => NOW });
  const demo = seedDemoOrg(store, { seed: 7, now: NOW, ...options });
  return { store, demo, rows: (sobject: string) => [...store.scan(sobject)] };
}

const groupBy = <T>(items: T[], key: (item: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
};
const byTime = (a: SObjectRecord, b: SObjectRecord) =>
  String(a.CreatedDate).localeCompare(String(b.CreatedDate)) || a.Id.localeCompare(b.Id);

describe('seedDemoOrg', () => {
  const org = generate();
  const opportunities = org.rows('Opportunity');
  const users = new Map(org.rows('User').map((u) => [u.Id, u]));
  const historyByDeal = groupBy(org.rows('OpportunityHistory').sort(byTime), (h) => h.OpportunityId as string);

  it('gives the same org for the same seed and another for another seed', () => {
    const fingerprint = (seed: number) => {
      const { rows } = generate({ seed, opportunities: 300 });
      return ['Opportunity', 'OpportunityHistory', 'Task', 'ForecastingQuota'].map((s) =>
        rows(s).map((r) => JSON.stringify(r)),
      );
    };
    expect(fingerprint(1)).toEqual(fingerprint(1));
    expect(fingerprint(1)).not.toEqual(fingerprint(2));
  });

  it("gives today's demo byte for byte: options for bigger teams change nothing by default", () => {
    // Pinned when the users/roleLevels options came: a change here changes every demo and test org.
    const digest = (options: DemoOrgOptions) => {
      const hash = createHash('sha256');
      const { store } = generate(options);
      for (const s of SOBJECTS) for (const r of store.scan(s.name)) hash.update(JSON.stringify(r));
      return hash.digest('hex').slice(0, 16);
    };
    expect(digest({})).toBe('433b33b4ebf14128');
    expect(digest({ opportunities: 8_000, roleLevels: 4 })).toBe('2af7d11b64242a14');
  });

  it('keeps the named users and their hierarchy, and makes a few thousand deals by default', () => {
    expect(DEMO_USERS.map((u) => org.demo.userIdsByUsername.get(u.username))).not.toContain(undefined);
    const byName = (username: string) => users.get(org.demo.userIdsByUsername.get(username)!)!;
    expect(byName('ana.souza@pulse.demo').ManagerId).toBe(byName('marco.alvarez@pulse.demo').Id);
    expect(byName('marco.alvarez@pulse.demo').ManagerId).toBe(byName('dana.whitfield@pulse.demo').Id);
    expect(opportunities).toHaveLength(3_000);
    expect(generate({ opportunities: 8_000 }).rows('User').length).toBeGreaterThan(DEMO_USERS.length);
  });

  it('points every reference at an existing record of a type the field allows', () => {
    const bad: string[] = [];
    for (const describe of SOBJECTS) {
      const references = describe.fields.filter((f) => f.type === 'reference');
      for (const record of org.store.scan(describe.name)) {
        for (const f of references) {
          const id = record[f.name];
          if (id == null) continue;
          const target = org.store.byId(id as string);
          const type = target && SOBJECTS.find((s) => s.keyPrefix === target.Id.slice(0, 3))?.name;
          if (!type || !f.referenceTo!.includes(type)) bad.push(`${describe.name}.${f.name}=${String(id)}`);
        }
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('spans two years of history up to now, with open pipeline ahead', () => {
    const created = opportunities.map((o) => Date.parse(o.CreatedDate as string));
    expect(Math.min(...created)).toBeLessThanOrEqual(NOW - 730 * DAY);
    expect(Math.max(...created)).toBeLessThanOrEqual(NOW);
    expect(opportunities.filter((o) => !o.IsClosed && Date.parse(o.CloseDate as string) > NOW).length).toBeGreaterThan(
      50,
    );
  });

  it('always has open deals in every open stage, even in a tiny org', () => {
    for (const options of [{}, { opportunities: 12 }, { opportunities: 40, seed: 3 }, { opportunities: 40, seed: 4 }]) {
      const open = generate(options)
        .rows('Opportunity')
        .filter((o) => !o.IsClosed);
      expect(new Set(open.map((o) => o.StageName))).toEqual(new Set(OPEN_STAGES));
    }
  });

  it("writes a history consistent with each deal's final state, row after row", () => {
    for (const deal of opportunities) {
      const rows = historyByDeal.get(deal.Id)!;
      const last = rows.at(-1)!;
      expect([last.StageName, last.Amount, last.CloseDate]).toEqual([deal.StageName, deal.Amount, deal.CloseDate]);
      expect(rows[0]).toMatchObject({ PrevAmount: null, PrevCloseDate: null, CreatedDate: deal.CreatedDate });
      for (let i = 1; i < rows.length; i++) {
        expect([rows[i].PrevAmount, rows[i].PrevCloseDate]).toEqual([rows[i - 1].Amount, rows[i - 1].CloseDate]);
      }
      if (deal.IsWon) expect(rows.some((h) => h.StageName === 'Closed Won')).toBe(true);
    }
  });

  it('prices deals with products from the standard price book, Amount being their total', () => {
    const items = groupBy(org.rows('OpportunityLineItem'), (i) => i.OpportunityId as string);
    const quoted = opportunities.filter((o) => o.HasOpportunityLineItem);
    expect(quoted.length).toBeGreaterThan(300);
    for (const deal of quoted) {
      const total = items.get(deal.Id)!.reduce((sum, i) => sum + (i.TotalPrice as number), 0);
      expect(Math.round(total * 100) / 100).toBe(deal.Amount);
    }
    for (const deal of opportunities.filter((o) => !o.HasOpportunityLineItem)) expect(items.has(deal.Id)).toBe(false);
    const early = opportunities.filter((o) => o.StageName === 'Prospecting' && !o.IsClosed);
    expect(early.every((o) => !o.HasOpportunityLineItem && typeof o.Amount === 'number')).toBe(true);
  });

  it('sets a quota for every rep (and manager, and the VP) in every quarter', () => {
    const quotas = org.rows('ForecastingQuota');
    const reps = [...users.values()].filter((u) => u.Title === 'Account Executive');
    const quarterStarts = new Set(quotas.map((q) => q.StartDate));
    for (let t = NOW - 730 * DAY; t <= NOW; t += 30 * DAY) {
      const d = new Date(t);
      quarterStarts.delete(
        new Date(Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1)).toISOString().slice(0, 10),
      );
    }
    expect(quarterStarts.size).toBeLessThanOrEqual(1); // only next quarter's remains
    for (const rep of reps) {
      const mine = quotas.filter((q) => q.QuotaOwnerId === rep.Id);
      expect(new Set(mine.map((q) => q.StartDate)).size).toBe(new Set(quotas.map((q) => q.StartDate)).size);
      expect(mine.every((q) => (q.QuotaAmount as number) > 0)).toBe(true);
    }
    const periods = new Map(org.rows('Period').map((p) => [p.Id, p]));
    expect(quotas.every((q) => periods.get(q.PeriodId as string)!.StartDate === q.StartDate)).toBe(true);
  });

  describe('looks like a real pipeline', () => {
    const closed = opportunities.filter((o) => o.IsClosed);
    const winRate = (deals: SObjectRecord[]) => deals.filter((o) => o.IsWon).length / deals.length;

    it('has reps whose win rates differ', () => {
      const rates = [...groupBy(closed, (o) => o.OwnerId as string).values()].map(winRate);
      expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(0.15);
    });

    it('closes more deals in the last month of a quarter than in its middle month', () => {
      const months = [0, 0, 0];
      for (const o of closed.filter((d) => d.IsWon)) months[(Number(String(o.CloseDate).slice(5, 7)) - 1) % 3]++;
      expect(months[2]).toBeGreaterThan(months[1] * 1.5);
    });

    it('sells bigger, slower deals to bigger accounts', () => {
      const accounts = new Map(org.rows('Account').map((a) => [a.Id, a]));
      const segmentOf = (o: SObjectRecord) => {
        const employees = accounts.get(o.AccountId as string)!.NumberOfEmployees as number;
        return employees < 200 ? 'smb' : employees < 2_000 ? 'mid' : 'ent';
      };
      const won = groupBy(
        closed.filter((o) => o.IsWon),
        segmentOf,
      );
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
      const size = (s: string) => mean(won.get(s)!.map((o) => o.Amount as number));
      const cycle = (s: string) =>
        mean(won.get(s)!.map((o) => Date.parse(o.CloseDate as string) - Date.parse(o.CreatedDate as string)));
      expect(size('smb')).toBeLessThan(size('mid'));
      expect(size('mid')).toBeLessThan(size('ent'));
      expect(cycle('smb')).toBeLessThan(cycle('ent'));
    });

    it('slips close dates, some reps more than others', () => {
      const pushesPerDeal = (username: string) => {
        const mine = opportunities.filter((o) => o.OwnerId === org.demo.userIdsByUsername.get(username));
        const pushes = mine
          .flatMap((o) => historyByDeal.get(o.Id)!)
          .filter(
            (h) =>
              h.PrevCloseDate != null &&
              (h.CloseDate as string) > (h.PrevCloseDate as string) &&
              !String(h.StageName).startsWith('Closed'),
          );
        return pushes.length / mine.length;
      };
      expect(pushesPerDeal('chloe.kim@pulse.demo')).toBeGreaterThan(pushesPerDeal('farid.haddad@pulse.demo') * 1.5);
    });

    it('logs activities on worked deals, lets some open deals go cold, and keeps only the last year', () => {
      const open = opportunities.filter((o) => !o.IsClosed);
      const recent = (o: SObjectRecord) =>
        o.LastActivityDate != null && Date.parse(o.LastActivityDate as string) >= NOW - 14 * DAY;
      expect(open.filter(recent).length).toBeGreaterThan(open.length / 3);
      expect(open.filter((o) => !recent(o)).length).toBeGreaterThan(5);
      const activities = [...org.rows('Task'), ...org.rows('Event')];
      expect(activities.length).toBeGreaterThan(opportunities.length / 2);
      expect(activities.every((a) => Date.parse(a.ActivityDate as string) >= NOW - 366 * DAY)).toBe(true);
      expect(new Set(org.rows('Task').map((t) => t.Status))).toEqual(new Set(['Completed', 'Not Started']));
    });
  });

  it('describes every object it fills', () => {
    for (const name of [
      'Contact',
      'OpportunityHistory',
      'Task',
      'Event',
      'Product2',
      'PricebookEntry',
      'ForecastingQuota',
    ]) {
      expect(describeSObject(name)).toBeDefined();
      expect(org.store.count(name)).toBeGreaterThan(0);
    }
  });
});
