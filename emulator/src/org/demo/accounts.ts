// Accounts by industry and size (SMB, mid-market, enterprise), each owned by the rep whose
// segments fit it, with the people the sales team talks to there.
import { INDUSTRIES } from '../schema.ts';
import {
  CITIES,
  COMPANY_KINDS,
  COMPANY_PREFIXES,
  COMPANY_SUFFIXES,
  CONTACT_TITLES,
  FIRST_NAMES,
  LAST_NAMES,
  STREETS,
} from './catalog.ts';
import { mailingAddressOf } from '../platform/contact.ts';
import type { DemoContext } from './context.ts';
import { cumulative } from './random.ts';

export const SMB = 0;
export const MID_MARKET = 1;
export const ENTERPRISE = 2;

const SEGMENT_SHARE = [0.55, 0.3, 0.15];
const EMPLOYEES: [number, number][] = [
  [10, 200],
  [200, 2_000],
  [2_000, 80_000],
];
const REVENUE_PER_EMPLOYEE = 180_000;
const CONTACTS: [number, number][] = [
  [1, 2],
  [2, 3],
  [3, 5],
];

/** Everything later steps need about the accounts, in flat arrays (no object per account). */
export interface Book {
  ids: string[];
  names: string[];
  owner: Int32Array;
  segment: Uint8Array;
  industry: Uint8Array;
  /** Contacts of account i are contactIds[firstContact[i] .. firstContact[i] + contactCount[i]). */
  firstContact: Int32Array;
  contactCount: Uint8Array;
  contactIds: string[];
  /** Account indexes per segment, for drawing an account of a given size. */
  bySegment: number[][];
}

function accountName(i: number): string {
  const base = `${COMPANY_PREFIXES[i % COMPANY_PREFIXES.length]} ${COMPANY_KINDS[Math.floor(i / COMPANY_PREFIXES.length) % COMPANY_KINDS.length]}`;
  const round = Math.floor(i / (COMPANY_PREFIXES.length * COMPANY_KINDS.length));
  if (round === 0) return base;
  const suffix = COMPANY_SUFFIXES[(round - 1) % COMPANY_SUFFIXES.length];
  const generation = Math.floor((round - 1) / COMPANY_SUFFIXES.length);
  return generation === 0 ? `${base} ${suffix}` : `${base} ${suffix} ${generation + 1}`;
}

export function seedAccounts(ctx: DemoContext, count: number): Book {
  const { rand, reps } = ctx;
  const repTotals = [0, 1, 2].map((s) => cumulative(reps.map((r) => r.profile.segments[s])));
  const segmentTotals = cumulative(SEGMENT_SHARE);
  const book: Book = {
    ids: new Array(count),
    names: new Array(count),
    owner: new Int32Array(count),
    segment: new Uint8Array(count),
    industry: new Uint8Array(count),
    firstContact: new Int32Array(count),
    contactCount: new Uint8Array(count),
    contactIds: [],
    bySegment: [[], [], []],
  };
  const addAccount = ctx.store.seeder('Account');
  const addContact = ctx.store.seeder('Contact');
  const created = ctx.calendar.dateTime(ctx.orgStart);
  for (let i = 0; i < count; i++) {
    const segment = rand.weighted(segmentTotals);
    const owner = rand.weighted(repTotals[segment]);
    const industry = rand.below(INDUSTRIES.length);
    const [low, high] = EMPLOYEES[segment];
    const employees = Math.round(low * Math.pow(high / low, rand.next()));
    const [city, state, postalCode] = rand.pick(CITIES);
    const ownerId = reps[owner].userId;
    const id = ctx.store.newId(ctx.describe.Account);
    const name = accountName(i);
    addAccount({
      Id: id,
      IsDeleted: false,
      CreatedDate: created,
      CreatedById: ctx.adminUserId,
      LastModifiedDate: created,
      LastModifiedById: ctx.adminUserId,
      SystemModstamp: created,
      Name: name,
      Type: 'Prospect',
      Industry: INDUSTRIES[industry],
      AnnualRevenue: Math.round((employees * REVENUE_PER_EMPLOYEE * rand.spread(0.4)) / 100_000) * 100_000,
      NumberOfEmployees: employees,
      BillingStreet: `${100 + rand.below(9_000)} ${rand.pick(STREETS)}`,
      BillingCity: city,
      BillingState: state,
      BillingPostalCode: postalCode,
      BillingCountry: 'United States',
      OwnerId: ownerId,
    });
    book.ids[i] = id;
    book.names[i] = name;
    book.owner[i] = owner;
    book.segment[i] = segment;
    book.industry[i] = industry;
    book.bySegment[segment].push(i);
    const [fewest, most] = CONTACTS[segment];
    const contacts = fewest + rand.below(most - fewest + 1);
    book.firstContact[i] = book.contactIds.length;
    book.contactCount[i] = contacts;
    for (let c = 0; c < contacts; c++) {
      const first = rand.pick(FIRST_NAMES);
      const last = rand.pick(LAST_NAMES);
      const contactId = ctx.store.newId(ctx.describe.Contact);
      const contact = {
        Id: contactId,
        IsDeleted: false,
        CreatedDate: created,
        CreatedById: ownerId,
        LastModifiedDate: created,
        LastModifiedById: ownerId,
        SystemModstamp: created,
        AccountId: id,
        Salutation: null,
        FirstName: first,
        LastName: last,
        Name: `${first} ${last}`,
        MailingStreet: null,
        MailingCity: city,
        MailingState: state,
        MailingPostalCode: postalCode,
        MailingCountry: 'United States',
        MailingAddress: null as Record<string, unknown> | null,
        Title: CONTACT_TITLES[(i + c) % CONTACT_TITLES.length],
        Department: null,
        Description: null,
        Email: `${first}.${last}@${name.split(' ')[0]}.example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, ''),
        Phone: `+1 555 ${String(1_000 + ((i * 7 + c * 13) % 9_000))}`,
        LeadSource: null,
        OwnerId: ownerId,
        CurrencyIsoCode: 'USD',
      };
      contact.MailingAddress = mailingAddressOf(contact);
      addContact(contact);
      book.contactIds.push(contactId);
    }
  }
  return book;
}
