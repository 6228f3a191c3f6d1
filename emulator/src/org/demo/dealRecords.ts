// Turns a deal's plan into records as Salesforce would hold them at `now`: the opportunity, one
// OpportunityHistory row per change (creation, each stage, each slipped close date, the close),
// its products once quoted, and its activities. Deals still running at `now` stay open there.
import type { SObjectRecord } from '../schema.ts';
import { lineTotal } from '../platform/lineItems.ts';
import type { Book } from './accounts.ts';
import { ActivityWriter } from './activities.ts';
import { DAY } from './calendar.ts';
import { PRODUCT, PRODUCTS } from './catalog.ts';
import type { DemoContext } from './context.ts';
import { LEAD_SOURCES, type DealPlan, type DealPlanner } from './deals.ts';
import {
  LOST,
  NEGOTIATION,
  PROPOSAL,
  STAGE_FORECAST,
  STAGE_FORECAST_NAME,
  STAGE_NAMES,
  STAGE_PROBABILITY,
  WON,
} from './stages.ts';

const SLIP_DAYS = [10, 21, 30];
const MAX_PUSHES = 4;
/** Lost deals go quiet before the rep gives up: activity stops at this share of their life. */
const COLD_AT = 0.6;

export class DealWriter {
  private readonly ctx: DemoContext;
  private readonly book: Book;
  private readonly planner: DealPlanner;
  private readonly addOpportunity: (record: SObjectRecord) => void;
  private readonly addHistory: (record: SObjectRecord) => void;
  private readonly addLineItem: (record: SObjectRecord) => void;
  private readonly fiscal = new Map<number, string>();
  readonly activities: ActivityWriter;
  /** Open deals per stage, and won amounts per rep and quarter (for quotas). */
  readonly openByStage = new Int32Array(8);
  readonly wonByRepQuarter: Float64Array;
  readonly firstQuarter: number;
  readonly quarters: number;
  histories = 0;
  lineItems = 0;

  // The deal's state as its history is written (fields, not locals, so helpers share them).
  private oppId = '';
  private name = '';
  private ownerId = '';
  private stage = 0;
  private amount = 0;
  private closeDay = 0;
  private lastChange = 0;
  private previousAmount = 0;
  private previousClose = 0;

  constructor(ctx: DemoContext, book: Book, planner: DealPlanner, firstQuarter: number, quarters: number) {
    this.ctx = ctx;
    this.book = book;
    this.planner = planner;
    this.addOpportunity = ctx.store.seeder('Opportunity');
    this.addHistory = ctx.store.seeder('OpportunityHistory');
    this.addLineItem = ctx.store.seeder('OpportunityLineItem');
    this.activities = new ActivityWriter(ctx, book);
    this.firstQuarter = firstQuarter;
    this.quarters = quarters;
    this.wonByRepQuarter = new Float64Array(ctx.reps.length * quarters);
  }

  write(deal: DealPlan): void {
    const { now, rand, calendar, store, describe, reps } = this.ctx;
    const profile = reps[deal.rep].profile;
    this.oppId = store.newId(describe.Opportunity);
    this.name = this.dealName(deal);
    this.ownerId = reps[deal.rep].userId;
    this.stage = deal.path[0];
    this.amount = deal.estimate;
    this.closeDay = deal.plannedCloseDay;
    this.lastChange = deal.enter[0];
    this.history(deal.enter[0], true);
    let quotedAt = -1;
    let negotiatedAt = -1;
    let lastStageChange = deal.enter[0];
    let k = 1;
    for (; k <= deal.pathLength && deal.enter[k] <= now; k++) {
      const at = deal.enter[k];
      this.slipBefore(at, deal.segment);
      if (k < deal.pathLength) {
        this.stage = deal.path[k];
        if (this.stage === 2 && deal.revisedEstimate > 0) this.amount = deal.revisedEstimate;
        if (this.stage === PROPOSAL) {
          this.amount = deal.proposalAmount;
          quotedAt = at;
        }
        if (this.stage === NEGOTIATION) {
          this.amount = deal.finalAmount;
          negotiatedAt = at;
        }
      } else {
        this.stage = deal.won ? WON : LOST;
        this.closeDay = Math.floor(at / DAY);
      }
      this.history(at, false);
      lastStageChange = at;
    }
    const open = k <= deal.pathLength;
    const closeAt = deal.enter[deal.pathLength];
    if (open) {
      this.openByStage[this.stage]++;
      // Overdue deals get pushed by a tidy rep; others sit past their close date, stale.
      if (rand.chance(profile.hygiene)) this.slipBefore(now, deal.segment);
    } else if (deal.won) {
      this.planner.customer[deal.account] = 1;
      const quarter = calendar.quarter(this.closeDay) - this.firstQuarter;
      if (quarter >= 0 && quarter < this.quarters)
        this.wonByRepQuarter[deal.rep * this.quarters + quarter] += this.amount;
    }
    const coldAt = deal.won ? Infinity : deal.enter[0] + (closeAt - deal.enter[0]) * COLD_AT;
    const activeUntil = Math.min(open ? now : closeAt, coldAt);
    const lastActivity = this.activities.write(deal, this.oppId, activeUntil, open, coldAt <= now);
    if (quotedAt >= 0) this.lineItemsOf(deal, quotedAt, negotiatedAt);
    this.opportunity(deal, lastStageChange, quotedAt >= 0, lastActivity);
  }

  /** Close dates pushed while the deal runs past them, each push a history row. */
  private slipBefore(at: number, segment: number): void {
    const { rand, calendar } = this.ctx;
    for (let pushes = 0; this.closeDay < Math.floor(at / DAY) && pushes < MAX_PUSHES; pushes++) {
      let pushedAt = (this.closeDay + 1 + rand.next() * 3) * DAY + 15 * 3_600_000;
      if (pushedAt >= at) pushedAt = this.lastChange + (at - this.lastChange) / 2;
      if (pushedAt <= this.lastChange) return;
      const from = Math.floor(pushedAt / DAY);
      this.closeDay = calendar.businessDay(from + 3 + Math.round(SLIP_DAYS[segment] * rand.spread(0.4)));
      if (this.closeDay <= from) this.closeDay = from + 3;
      this.history(pushedAt, false);
    }
  }

  private history(at: number, first: boolean): void {
    const { calendar, store, describe } = this.ctx;
    const stamp = calendar.dateTime(at);
    const probability = STAGE_PROBABILITY[this.stage];
    this.addHistory({
      Id: store.newId(describe.OpportunityHistory),
      IsDeleted: false,
      OpportunityId: this.oppId,
      StageName: STAGE_NAMES[this.stage],
      Amount: this.amount,
      ExpectedRevenue: (this.amount * probability) / 100,
      CloseDate: calendar.date(this.closeDay),
      Probability: probability,
      ForecastCategory: STAGE_FORECAST[this.stage],
      PrevAmount: first ? null : this.previousAmount,
      PrevCloseDate: first ? null : calendar.date(this.previousClose),
      CurrencyIsoCode: 'USD',
      CreatedDate: stamp,
      CreatedById: this.ownerId,
      SystemModstamp: stamp,
    });
    this.previousAmount = this.amount;
    this.previousClose = this.closeDay;
    this.lastChange = at;
    this.histories++;
  }

  private lineItemsOf(deal: DealPlan, quotedAt: number, negotiatedAt: number): void {
    const { calendar, store, describe } = this.ctx;
    const created = calendar.dateTime(quotedAt);
    const modified = negotiatedAt >= 0 ? calendar.dateTime(negotiatedAt) : created;
    const discount = negotiatedAt >= 0 ? deal.discount : deal.firstDiscount;
    for (let i = 0; i < deal.lineCount; i++) {
      const product = PRODUCTS[deal.lineProduct[i]];
      const quantity = deal.lineQuantity[i];
      this.addLineItem({
        Id: store.newId(describe.OpportunityLineItem),
        IsDeleted: false,
        CreatedDate: created,
        CreatedById: this.ownerId,
        LastModifiedDate: modified,
        LastModifiedById: this.ownerId,
        SystemModstamp: modified,
        OpportunityId: this.oppId,
        PricebookEntryId: this.ctx.entryIds[deal.lineProduct[i]],
        Product2Id: this.ctx.productIds[deal.lineProduct[i]],
        Name: `${this.name} ${product.name}`,
        ProductCode: product.code,
        Quantity: quantity,
        UnitPrice: product.price,
        ListPrice: product.price,
        Discount: discount,
        Subtotal: quantity * product.price,
        TotalPrice: lineTotal(quantity, product.price, discount),
        ServiceDate: null,
        Description: null,
        SortOrder: null,
        CurrencyIsoCode: 'USD',
      });
      this.lineItems++;
    }
  }

  private dealName(deal: DealPlan): string {
    const expansion = deal.existing && deal.primary === PRODUCT.platform;
    return `${this.book.names[deal.account]} - ${expansion ? 'Platform Expansion' : PRODUCTS[deal.primary].deal}`;
  }

  private opportunity(deal: DealPlan, lastStageChange: number, quoted: boolean, lastActivity: number): void {
    const { calendar } = this.ctx;
    const created = calendar.dateTime(deal.enter[0]);
    const modified = calendar.dateTime(this.lastChange);
    const probability = STAGE_PROBABILITY[this.stage];
    const quarter = calendar.quarter(this.closeDay);
    this.addOpportunity({
      Id: this.oppId,
      IsDeleted: false,
      CreatedDate: created,
      CreatedById: this.ownerId,
      LastModifiedDate: modified,
      LastModifiedById: this.ownerId,
      SystemModstamp: modified,
      Name: this.name,
      AccountId: this.book.ids[deal.account],
      OwnerId: this.ownerId,
      StageName: STAGE_NAMES[this.stage],
      Amount: this.amount,
      Probability: probability,
      ExpectedRevenue: (this.amount * probability) / 100,
      CloseDate: calendar.date(this.closeDay),
      Type: deal.existing ? 'Existing Business' : 'New Business',
      LeadSource: LEAD_SOURCES[deal.leadSource],
      NextStep: null,
      Description: null,
      ForecastCategoryName: STAGE_FORECAST_NAME[this.stage],
      ForecastCategory: STAGE_FORECAST[this.stage],
      IsClosed: this.stage >= WON,
      IsWon: this.stage === WON,
      CurrencyIsoCode: 'USD',
      Pricebook2Id: quoted ? this.ctx.pricebookId : null,
      HasOpportunityLineItem: quoted,
      FiscalYear: Math.floor(quarter / 4),
      FiscalQuarter: (quarter % 4) + 1,
      Fiscal: this.fiscalText(quarter),
      LastActivityDate: lastActivity >= 0 ? calendar.date(lastActivity) : null,
      LastStageChangeDate: calendar.dateTime(lastStageChange),
    });
  }

  private fiscalText(quarter: number): string {
    let text = this.fiscal.get(quarter);
    if (text === undefined) {
      text = `${Math.floor(quarter / 4)} ${(quarter % 4) + 1}`;
      this.fiscal.set(quarter, text);
    }
    return text;
  }
}
