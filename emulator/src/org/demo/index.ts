// The deterministic demo org: a sales team in a role hierarchy, accounts by industry and size,
// products in a standard price book, two years of opportunities (with their stage history, line
// items and activities) up to `now` plus the open pipeline ahead, and quotas per user and quarter.
// The same (seed, now, scale) always gives the same records.
import { describeSObject } from '../schema.ts';
import type { OrgStore } from '../store.ts';
import { seedAccounts } from './accounts.ts';
import { Calendar, DAY } from './calendar.ts';
import { PRODUCTS } from './catalog.ts';
import type { DemoContext } from './context.ts';
import { DealWriter } from './dealRecords.ts';
import { DealPlan, DealPlanner } from './deals.ts';
import { seedForecasting } from './quotas.ts';
import { Random } from './random.ts';
import { seedStages } from './stages.ts';
import { MIN_ROLE_LEVELS, scaledLayout } from './hierarchy.ts';
import { demoLayout, seedTeam, type TeamLayout } from './team.ts';

export { DEMO_USERS } from './team.ts';

export interface DemoOrgOptions {
  seed?: number;
  /** The reference instant: history runs up to it, open pipeline lies ahead (default: the store's clock). */
  now?: number;
  /** Default 3,000 (a demo); scales to 1,000,000. */
  opportunities?: number;
  /** Default: one per eight opportunities (at least 30). */
  accounts?: number;
  /** Default: one per 500 opportunities (at least the six named reps). Not with `users`. */
  reps?: number;
  /** Every user, the integration user included (default: the reps, their managers, VP and CEO). */
  users?: number;
  /**
   * Role levels from the CEO down to the reps, 4 to 12 (default 4: CEO > VP Sales > manager > rep);
   * more put areas and districts between the VP and the team managers.
   */
  roleLevels?: number;
}

export interface DemoOrg {
  adminUserId: string;
  userIdsByUsername: Map<string, string>;
  /** Records made, per sObject (when the org was just generated). */
  counts?: Record<string, number>;
}

const HISTORY_DAYS = 730;
/** Deals start this long before the two years, so the first quarters are not a cold start. */
const WARM_UP_DAYS = 90;
/** Deal creation grows over time: density rises linearly from this share to (2 - it). */
const GROWTH_FROM = 0.7;
const OPEN_STAGES = 8;
const COUNTED =
  'User Account Contact Opportunity OpportunityHistory OpportunityLineItem Task Event ForecastingQuota'.split(' ');

export function seedDemoOrg(store: OrgStore, options: DemoOrgOptions = {}): DemoOrg {
  const now = options.now ?? store.clock();
  const total = Math.max(0, Math.floor(options.opportunities ?? 3_000));
  const rand = new Random(options.seed ?? 42);
  const calendar = new Calendar();
  const historyStart = now - HISTORY_DAYS * DAY;
  const dealsFrom = historyStart - WARM_UP_DAYS * DAY;
  const orgStart = dealsFrom - 30 * DAY;
  const setUp = calendar.dateTime(orgStart);
  const audit = {
    CreatedDate: setUp,
    CreatedById: null,
    LastModifiedDate: setUp,
    LastModifiedById: null,
    SystemModstamp: setUp,
  };

  seedStages(store, setUp);
  const team = seedTeam(store, rand, layoutOf(options, total), audit);
  const adminAudit = { ...audit, CreatedById: team.adminUserId, LastModifiedById: team.adminUserId, IsDeleted: false };
  const pricebookId = store.seed('Pricebook2', {
    Name: 'Standard Price Book',
    Description: null,
    IsActive: true,
    IsStandard: true,
    ...adminAudit,
  }).Id;
  const productIds: string[] = [];
  const entryIds: string[] = [];
  for (const p of PRODUCTS) {
    const productId = store.seed('Product2', {
      Name: p.name,
      ProductCode: p.code,
      Description: null,
      Family: p.family,
      IsActive: true,
      QuantityUnitOfMeasure: null,
      CurrencyIsoCode: 'USD',
      ...adminAudit,
    }).Id;
    productIds.push(productId);
    entryIds.push(
      store.seed('PricebookEntry', {
        Name: p.name,
        Pricebook2Id: pricebookId,
        Product2Id: productId,
        ProductCode: p.code,
        UnitPrice: p.price,
        IsActive: true,
        UseStandardPrice: false,
        CurrencyIsoCode: 'USD',
        ...adminAudit,
      }).Id,
    );
  }

  const describe = (name: string) => describeSObject(name)!;
  const ctx: DemoContext = {
    store,
    rand,
    calendar,
    now,
    historyStart,
    orgStart,
    adminUserId: team.adminUserId,
    reps: team.reps,
    describe: {
      Account: describe('Account'),
      Contact: describe('Contact'),
      Opportunity: describe('Opportunity'),
      OpportunityHistory: describe('OpportunityHistory'),
      OpportunityLineItem: describe('OpportunityLineItem'),
      Task: describe('Task'),
      Event: describe('Event'),
    },
    productIds,
    entryIds,
    pricebookId,
  };
  const book = seedAccounts(ctx, options.accounts ?? Math.max(30, Math.round(total / 8)));

  const firstQuarter = calendar.quarter(Math.floor(historyStart / DAY));
  const quarters = calendar.quarter(Math.floor(now / DAY)) + 2 - firstQuarter;
  const planner = new DealPlanner(ctx, book);
  const writer = new DealWriter(ctx, book, planner, firstQuarter, quarters);
  const deal = new DealPlan();
  const span = now - dealsFrom;
  const lastRound = Math.max(0, total - OPEN_STAGES);
  for (let i = 0; i < total; i++) {
    planner.plan(deal, createdAt(rand, calendar, dealsFrom, span, (i + rand.next()) / total, now), -1);
    // Only if needed: the last few deals make sure every open stage holds a deal.
    const stage = i - lastRound;
    if (stage >= 0 && writer.openByStage[stage] === 0) planner.plan(deal, now, stage);
    writer.write(deal);
  }
  for (let a = 0; a < book.ids.length; a++) {
    if (planner.customer[a] === 1) store.get('Account', book.ids[a])!.Type = 'Customer - Direct';
  }
  seedForecasting(ctx, team, writer);

  const counts: Record<string, number> = {};
  for (const name of COUNTED) counts[name] = store.count(name);
  return { adminUserId: team.adminUserId, userIdsByUsername: team.userIdsByUsername, counts };
}

/** The default demo's team unless a size or depth is asked for. */
function layoutOf(options: DemoOrgOptions, total: number): TeamLayout {
  if (options.users !== undefined && options.reps !== undefined)
    throw new RangeError('give users or reps, not both: users sets the reps');
  const reps = options.reps ?? Math.max(6, Math.ceil(total / 500));
  const roleLevels = options.roleLevels ?? MIN_ROLE_LEVELS;
  if (options.users === undefined && roleLevels === MIN_ROLE_LEVELS) return demoLayout(reps);
  return scaledLayout({ users: options.users, reps, roleLevels });
}

/** A creation instant on a business day, in business hours (US Pacific), never after `now`. */
function createdAt(rand: Random, calendar: Calendar, from: number, span: number, u: number, now: number): number {
  const a = GROWTH_FROM;
  const x = (-a + Math.sqrt(a * a + 4 * (1 - a) * u)) / (2 * (1 - a));
  const day = calendar.businessDay(Math.floor((from + x * span) / DAY));
  const at = day * DAY + (15 + rand.next() * 9) * 3_600_000;
  return at > now ? now - rand.next() * 3_600_000 : at;
}
