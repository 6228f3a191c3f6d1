// How one deal unfolds, as numbers only (no records): which account, rep and products; whether
// it will be won, where it would die if lost; when it enters each stage and when it closes. Win
// rates, cycle lengths, sizes and quarter-end timing differ by rep, segment, product and industry.
import { INDUSTRIES } from '../schema.ts';
import { lineTotal } from '../platform/lineItems.ts';
import type { Book } from './accounts.ts';
import { DAY } from './calendar.ts';
import { EXPANSION_PRODUCTS, EXPANSION_WEIGHTS, INDUSTRY_FACTORS, PRODUCT, PRODUCTS } from './catalog.ts';
import type { DemoContext } from './context.ts';
import { cumulative } from './random.ts';
import { LOSS_STAGE_WEIGHTS, SKIPPABLE, STAGE_SHARE } from './stages.ts';

/** By segment (SMB, mid-market, enterprise). */
const SEGMENT_OF_DEAL = cumulative([0.45, 0.33, 0.22]);
const WIN = [0.34, 0.27, 0.2];
const CYCLE_DAYS = [28, 55, 105];
const SKIP = [0.5, 0.3, 0.15];
const DISCOUNT: [number, number][] = [
  [0, 8],
  [5, 18],
  [12, 30],
];
const QUARTER_END = [0.6, 1, 1.4];
const PLATFORM_SEATS: [number, number][] = [
  [1, 3],
  [3, 10],
  [10, 40],
];
export const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Other'];
const LEAD_SOURCE_TOTALS = cumulative([35, 20, 25, 20]);
const LEAD_SOURCE_WIN = [0.85, 1, 1.2, 0.9];
const LOSS_STAGE_TOTALS = cumulative(LOSS_STAGE_WEIGHTS);
const EXPANSION_TOTALS = cumulative(EXPANSION_WEIGHTS);
const INDUSTRY = INDUSTRIES.map((name) => INDUSTRY_FACTORS[name] ?? { win: 1, cycle: 1 });
const MAX_LINES = 6;

/** One deal's plan; a single instance is reused for every deal (no allocation per deal). */
export class DealPlan {
  account = 0;
  segment = 0;
  rep = 0;
  existing = false;
  leadSource = 0;
  primary = 0;
  lineCount = 0;
  readonly lineProduct = new Int32Array(MAX_LINES);
  readonly lineQuantity = new Int32Array(MAX_LINES);
  /** Discount offered with the proposal, and the one agreed in negotiation (percent). */
  firstDiscount = 0;
  discount = 0;
  /** The rep's guess at creation, an optional revision in Needs Analysis (0: none), then priced amounts. */
  estimate = 0;
  revisedEstimate = 0;
  proposalAmount = 0;
  finalAmount = 0;
  won = false;
  /** Visited open stages in order, and when each was entered; enter[pathLength] is the close. */
  pathLength = 0;
  readonly path = new Int32Array(8);
  readonly enter = new Float64Array(9);
  plannedCloseDay = 0;
}

const roundTo = (value: number, step: number) => Math.max(step, Math.round(value / step) * step);

export class DealPlanner {
  private readonly ctx: DemoContext;
  private readonly book: Book;
  /** Accounts that have bought: their next deals are mostly expansions. */
  readonly customer: Uint8Array;

  constructor(ctx: DemoContext, book: Book) {
    this.ctx = ctx;
    this.book = book;
    this.customer = new Uint8Array(book.ids.length);
  }

  /** Plans a deal created at `created`; `forcedStage` >= 0 makes it sit open in that stage at `now`. */
  plan(deal: DealPlan, created: number, forcedStage: number): void {
    const { rand, reps } = this.ctx;
    const segment = rand.weighted(SEGMENT_OF_DEAL);
    const pool = this.book.bySegment[segment].length > 0 ? this.book.bySegment[segment] : this.book.bySegment[0];
    deal.account = pool.length > 0 ? pool[rand.below(pool.length)] : rand.below(this.book.ids.length);
    deal.segment = this.book.segment[deal.account];
    deal.rep = this.book.owner[deal.account];
    const profile = reps[deal.rep].profile;
    deal.existing = this.customer[deal.account] === 1 && rand.chance(0.7);
    deal.leadSource = rand.weighted(LEAD_SOURCE_TOTALS);
    this.planProducts(deal, profile.size);

    const industry = INDUSTRY[this.book.industry[deal.account]];
    const product = PRODUCTS[deal.primary];
    const winRate =
      WIN[deal.segment] *
      profile.win *
      product.win *
      (deal.existing ? 1.35 : 1) *
      LEAD_SOURCE_WIN[deal.leadSource] *
      industry.win;
    const cycle =
      Math.max(
        5,
        CYCLE_DAYS[deal.segment] * profile.cycle * product.cycle * (deal.existing ? 0.7 : 1) * industry.cycle,
      ) * rand.spread(0.45);
    deal.won = forcedStage >= 0 || rand.chance(Math.min(0.92, Math.max(0.03, winRate)));
    const lostAt = deal.won ? 7 : rand.weighted(LOSS_STAGE_TOTALS);
    this.planPath(deal, created, cycle, lostAt, forcedStage);
    if (forcedStage < 0) this.timeTheClose(deal, profile.quarterEnd * QUARTER_END[deal.segment]);
    else this.shiftIntoStage(deal, forcedStage);
    const planned = deal.enter[0] / DAY + Math.max(3, cycle * profile.optimism * rand.spread(0.25));
    deal.plannedCloseDay = this.ctx.calendar.businessDay(Math.floor(planned));
  }

  private planProducts(deal: DealPlan, size: number): void {
    const { rand } = this.ctx;
    const seg = deal.segment;
    deal.lineCount = 0;
    const [fewest, most] = PLATFORM_SEATS[seg];
    const seats = fewest * Math.pow(most / fewest, rand.next());
    if (deal.existing) {
      deal.primary = EXPANSION_PRODUCTS[rand.weighted(EXPANSION_TOTALS)];
      if (deal.primary === PRODUCT.platform) this.addLine(deal, PRODUCT.platform, seats * 0.4, size);
      else if (deal.primary === PRODUCT.analytics)
        this.addLine(deal, PRODUCT.analytics, 1 + seg * 2 + rand.below(3), size);
      else if (deal.primary === PRODUCT.connectors)
        this.addLine(deal, PRODUCT.connectors, 1 + rand.below(2 + seg * 2), size);
      else if (deal.primary === PRODUCT.security) this.addLine(deal, PRODUCT.security, 1 + seg + rand.below(2), size);
      else this.addLine(deal, PRODUCT.support, 1 + seg, size);
      if (deal.primary !== PRODUCT.support && rand.chance(0.15))
        this.addLine(deal, PRODUCT.training, 1 + rand.below(2 + seg), size);
    } else {
      deal.primary = PRODUCT.platform;
      this.addLine(deal, PRODUCT.platform, seats, size);
      if (rand.chance(0.6)) this.addLine(deal, PRODUCT.implementation, 1 + seg + rand.below(1 + seg), size);
      if (rand.chance(0.35)) this.addLine(deal, PRODUCT.training, 1 + rand.below(2 + seg), size);
      if (rand.chance(0.45)) this.addLine(deal, PRODUCT.support, 1 + seg, size);
      if (rand.chance(0.2)) this.addLine(deal, PRODUCT.analytics, 1 + seg * 2 + rand.below(3), size);
    }
    const [low, high] = DISCOUNT[seg];
    deal.discount = Math.round(rand.between(low, high));
    deal.firstDiscount = Math.floor(deal.discount / 2);
    let list = 0;
    deal.proposalAmount = 0;
    deal.finalAmount = 0;
    for (let i = 0; i < deal.lineCount; i++) {
      const price = PRODUCTS[deal.lineProduct[i]].price;
      list += deal.lineQuantity[i] * price;
      deal.proposalAmount += lineTotal(deal.lineQuantity[i], price, deal.firstDiscount);
      deal.finalAmount += lineTotal(deal.lineQuantity[i], price, deal.discount);
    }
    deal.proposalAmount = Math.round(deal.proposalAmount * 100) / 100;
    deal.finalAmount = Math.round(deal.finalAmount * 100) / 100;
    deal.estimate = roundTo(list * rand.spread(0.35), 500);
    deal.revisedEstimate = rand.chance(0.35) ? roundTo(deal.estimate * rand.spread(0.2), 500) : 0;
  }

  private addLine(deal: DealPlan, product: number, quantity: number, size: number): void {
    deal.lineProduct[deal.lineCount] = product;
    deal.lineQuantity[deal.lineCount] = Math.max(1, Math.round(quantity * size * this.ctx.rand.spread(0.2)));
    deal.lineCount++;
  }

  /** Stage entry times: each visited stage takes its share of the cycle (skipped stages' too). */
  private planPath(deal: DealPlan, created: number, cycle: number, lastStage: number, forcedStage: number): void {
    const { rand } = this.ctx;
    deal.pathLength = 0;
    let share = 0;
    let at = created;
    for (let stage = 0; stage <= lastStage; stage++) {
      const skip = SKIPPABLE[stage] && stage !== lastStage && stage !== forcedStage && rand.chance(SKIP[deal.segment]);
      if (skip) {
        share += STAGE_SHARE[stage];
        continue;
      }
      if (deal.pathLength > 0) at += cycle * share * rand.spread(0.4) * DAY;
      deal.path[deal.pathLength] = stage;
      deal.enter[deal.pathLength] = at;
      deal.pathLength++;
      share = STAGE_SHARE[stage];
    }
    // A lost deal lingers in its last stage before the rep gives up.
    deal.enter[deal.pathLength] = at + cycle * share * rand.spread(0.4) * DAY * (deal.won ? 1 : 1.3);
  }

  /** Buyers sign at quarter end: a deal ready mid-quarter may wait, one just after may be pulled in. */
  private timeTheClose(deal: DealPlan, quarterEndChance: number): void {
    const { rand, calendar } = this.ctx;
    const lastEntry = Math.floor(deal.enter[deal.pathLength - 1] / DAY);
    const natural = deal.enter[deal.pathLength];
    let day = Math.floor(natural / DAY);
    const quarter = calendar.quarter(day);
    const end = calendar.quarterEnd(quarter);
    if (rand.chance(deal.won ? quarterEndChance : quarterEndChance * 0.4)) {
      if (day < end - 10 && end - day <= 60) day = end - 10 + rand.below(10);
      else if (deal.won && day - calendar.quarterStart(quarter) < 21) {
        const pulled = calendar.quarterStart(quarter) - 1 - rand.below(4);
        if (pulled > lastEntry) day = pulled;
      }
    }
    const business = calendar.businessDay(day);
    if (business > lastEntry) day = business;
    deal.enter[deal.pathLength] = day * DAY + (natural - Math.floor(natural / DAY) * DAY);
  }

  /** Moves the whole timeline so that `now` falls halfway through the forced stage. */
  private shiftIntoStage(deal: DealPlan, stage: number): void {
    let k = 0;
    while (k < deal.pathLength - 1 && deal.path[k] !== stage) k++;
    const middle = (deal.enter[k] + deal.enter[k + 1]) / 2;
    const shift = this.ctx.now - middle;
    for (let i = 0; i <= deal.pathLength; i++) deal.enter[i] += shift;
  }
}
