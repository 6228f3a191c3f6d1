// The calls, emails and meetings logged on each deal while it is worked, next steps on open
// deals, and silence on deals gone cold. Salesforce archives activities older than a year, so
// only those are stored; older ones still count towards the deal's LastActivityDate.
import type { SObjectRecord } from '../schema.ts';
import type { Book } from './accounts.ts';
import { DAY } from './calendar.ts';
import type { DemoContext } from './context.ts';
import type { DealPlan } from './deals.ts';

const GAP_DAYS = [8, 11, 14];
const MAX_PER_DEAL = 14;
const ARCHIVE_AFTER = 365 * DAY;
/** Subjects by kind (call, email, meeting) and phase (early, middle, late stages). */
const SUBJECTS = [
  ['Discovery call', 'Requirements call', 'Negotiation call'],
  ['Follow-up email', 'Sent case studies', 'Sent proposal'],
  ['Intro meeting', 'Product demo', 'Proposal review'],
];
const phaseOf = (stage: number) => (stage < 2 ? 0 : stage < 6 ? 1 : 2);

export class ActivityWriter {
  private readonly ctx: DemoContext;
  private readonly book: Book;
  private readonly addTask: (record: SObjectRecord) => void;
  private readonly addEvent: (record: SObjectRecord) => void;
  tasks = 0;
  events = 0;

  constructor(ctx: DemoContext, book: Book) {
    this.ctx = ctx;
    this.book = book;
    this.addTask = ctx.store.seeder('Task');
    this.addEvent = ctx.store.seeder('Event');
  }

  /**
   * Activities of one deal, worked from creation until `activeUntil` (its close, now, or when it
   * went cold). Returns the LastActivityDate day number, or -1 for none.
   */
  write(deal: DealPlan, opportunityId: string, activeUntil: number, open: boolean, cold: boolean): number {
    const { rand, now, calendar, reps } = this.ctx;
    const profile = reps[deal.rep].profile;
    const gap = GAP_DAYS[deal.segment] / profile.activity;
    const archived = now - ARCHIVE_AFTER;
    let last = -1;
    let k = 0;
    let t = deal.enter[0] + gap * rand.next() * DAY;
    for (let n = 0; t < activeUntil && n < MAX_PER_DEAL; n++) {
      while (k + 1 < deal.pathLength && deal.enter[k + 1] <= t) k++;
      const day = calendar.businessDay(Math.floor(t / DAY));
      const at = Math.min(now, day * DAY + (14 + rand.next() * 9) * 3_600_000);
      const kind = rand.next() < 0.4 ? 0 : rand.next() < 0.55 ? 1 : 2;
      if (at >= archived && at >= deal.enter[0]) {
        if (kind === 2)
          this.event(deal, opportunityId, at, SUBJECTS[2][phaseOf(deal.path[k])], at - rand.next() * 4 * DAY);
        else this.task(deal, opportunityId, at, kind, SUBJECTS[kind][phaseOf(deal.path[k])], true);
      }
      if (at >= deal.enter[0] && day > last) last = day;
      t += gap * rand.spread(0.5) * DAY;
    }
    if (open && !cold) {
      // The next step, booked ahead; late-stage deals often have a meeting in the diary too.
      const nowDay = Math.floor(now / DAY);
      const stage = deal.path[k];
      this.task(
        deal,
        opportunityId,
        (nowDay + 1 + rand.below(10)) * DAY + 15 * 3_600_000,
        0,
        SUBJECTS[0][phaseOf(stage)],
        false,
      );
      if (stage >= 3 && rand.chance(0.3)) {
        const meeting = (nowDay + 1 + rand.below(14)) * DAY + (16 + rand.below(6)) * 3_600_000;
        this.event(deal, opportunityId, meeting, SUBJECTS[2][phaseOf(stage)], now - rand.next() * 3 * DAY);
        last = Math.max(last, Math.floor(meeting / DAY)); // Salesforce counts future events too
      }
    }
    if (open && rand.chance(0.15)) {
      const overdue = (Math.floor(now / DAY) - 1 - rand.below(14)) * DAY + 17 * 3_600_000;
      if (overdue > deal.enter[0]) this.task(deal, opportunityId, overdue, 1, 'Follow-up email', false);
    }
    return last;
  }

  private contactOf(deal: DealPlan): string {
    const first = this.book.firstContact[deal.account];
    return this.book.contactIds[first + this.ctx.rand.below(this.book.contactCount[deal.account])];
  }

  private task(deal: DealPlan, whatId: string, at: number, kind: number, subject: string, done: boolean): void {
    const { calendar, reps, store, describe, rand, now } = this.ctx;
    const owner = reps[deal.rep].userId;
    const stamp = calendar.dateTime(done ? at : Math.min(now, Math.max(deal.enter[0], at - 5 * DAY)));
    const call = kind === 0;
    this.addTask({
      Id: store.newId(describe.Task),
      IsDeleted: false,
      CreatedDate: stamp,
      CreatedById: owner,
      LastModifiedDate: stamp,
      LastModifiedById: owner,
      SystemModstamp: stamp,
      WhoId: this.contactOf(deal),
      WhatId: whatId,
      AccountId: this.book.ids[deal.account],
      Subject: subject,
      Description: null,
      OwnerId: owner,
      Type: call ? 'Call' : 'Email',
      IsArchived: false,
      ActivityDate: calendar.date(Math.floor(at / DAY)),
      Status: done ? 'Completed' : 'Not Started',
      Priority: 'Normal',
      IsHighPriority: false,
      IsClosed: done,
      CompletedDateTime: done ? stamp : null,
      TaskSubtype: call ? 'Call' : 'Email',
      CallDurationInSeconds: call && done ? 60 + rand.below(1_800) : null,
      CallType: call ? 'Outbound' : null,
      CallDisposition: null,
    });
    this.tasks++;
  }

  private event(deal: DealPlan, whatId: string, at: number, subject: string, booked: number): void {
    const { calendar, reps, store, describe } = this.ctx;
    const owner = reps[deal.rep].userId;
    const start = Math.floor(at / 1_800_000) * 1_800_000; // on the half hour
    const duration = deal.segment === 2 ? 60 : 30;
    const stamp = calendar.dateTime(Math.max(deal.enter[0], Math.min(booked, start)));
    const startText = calendar.meetingTime(start);
    this.addEvent({
      Id: store.newId(describe.Event),
      IsDeleted: false,
      CreatedDate: stamp,
      CreatedById: owner,
      LastModifiedDate: stamp,
      LastModifiedById: owner,
      SystemModstamp: stamp,
      WhoId: this.contactOf(deal),
      WhatId: whatId,
      AccountId: this.book.ids[deal.account],
      Subject: subject,
      Description: null,
      OwnerId: owner,
      Type: 'Meeting',
      IsArchived: false,
      Location: null,
      IsAllDayEvent: false,
      ActivityDateTime: startText,
      StartDateTime: startText,
      EndDateTime: calendar.meetingTime(start + duration * 60_000),
      DurationInMinutes: duration,
      ActivityDate: calendar.date(Math.floor(start / DAY)),
      ShowAs: 'Busy',
      EventSubtype: 'Event',
      IsPrivate: false,
    });
    this.events++;
  }
}
