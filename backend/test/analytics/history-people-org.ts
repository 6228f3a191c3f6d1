// The org as the funnel, movement, activity and quota tests see it: raw records straight from the
// emulator's store, and plain-TS versions of who-sees-what and the filters, written apart from the
// backend's so that each test's expected numbers come from the org, not from the code under test.
import type { SObjectRecord } from '@pulse/emulator';
import type { Stack } from '../support/stack';

export type Rec = SObjectRecord & Record<string, unknown>;

export interface OrgRows {
  users: Rec[];
  roles: Rec[];
  stages: Rec[];
  opportunities: Rec[];
  history: Rec[];
  lineItems: Rec[];
  accounts: Map<string, Rec>;
  tasks: Rec[];
  events: Rec[];
  quotas: Rec[];
}

const live = (stack: Stack, sobject: string) =>
  [...stack.emulator.store.scan(sobject)].filter((r) => r.IsDeleted !== true) as Rec[];

export function orgRows(stack: Stack): OrgRows {
  return {
    users: live(stack, 'User'),
    roles: live(stack, 'UserRole'),
    stages: live(stack, 'OpportunityStage'),
    opportunities: live(stack, 'Opportunity'),
    history: live(stack, 'OpportunityHistory'),
    lineItems: live(stack, 'OpportunityLineItem'),
    accounts: new Map(live(stack, 'Account').map((a) => [a.Id, a])),
    tasks: live(stack, 'Task'),
    events: live(stack, 'Event'),
    quotas: live(stack, 'ForecastingQuota'),
  };
}

export const userId = (org: OrgRows, username: string): string => org.users.find((u) => u.Username === username)!.Id;

export const roleOf = (org: OrgRows, username: string): string =>
  org.users.find((u) => u.Username === username)!.UserRoleId as string;

/** Roles strictly below `roleId`, by walking ParentRoleId downwards. */
export function rolesUnder(org: OrgRows, roleId: string): string[] {
  const direct = org.roles.filter((r) => r.ParentRoleId === roleId).map((r) => r.Id);
  return direct.flatMap((id) => [id, ...rolesUnder(org, id)]);
}

/** Whose records a user sees: their own and those of users in roles below theirs; null: everyone. */
export function ownersSeenBy(org: OrgRows, username: string, viewAll = false): Set<string> | null {
  if (viewAll) return null;
  const below = new Set(rolesUnder(org, roleOf(org, username)));
  return new Set([
    userId(org, username),
    ...org.users.filter((u) => below.has(u.UserRoleId as string)).map((u) => u.Id),
  ]);
}

/** Everyone in a role and the roles below it. */
export function team(org: OrgRows, roleId: string): Set<string> {
  const roles = new Set([roleId, ...rolesUnder(org, roleId)]);
  return new Set(org.users.filter((u) => roles.has(u.UserRoleId as string)).map((u) => u.Id));
}

export interface Segment {
  owners?: Set<string>;
  type?: string;
  productId?: string;
  industry?: string;
  accountSize?: 'small' | 'mid' | 'enterprise';
}

/** The filters' meaning, from the record's own fields. */
export function inSegment(org: OrgRows, o: Rec, s: Segment): boolean {
  if (s.owners && !s.owners.has(o.OwnerId as string)) return false;
  if (s.type && o.Type !== s.type) return false;
  if (s.productId && !org.lineItems.some((li) => li.OpportunityId === o.Id && li.Product2Id === s.productId))
    return false;
  const account = org.accounts.get(o.AccountId as string);
  if (s.industry && account?.Industry !== s.industry) return false;
  if (s.accountSize) {
    const n = account?.NumberOfEmployees as number | null | undefined;
    if (n == null) return false;
    const size = n < 100 ? 'small' : n < 1000 ? 'mid' : 'enterprise';
    if (size !== s.accountSize) return false;
  }
  return true;
}

/** A filter the tests can pass both to the API (query) and to `inSegment` (segment). */
export interface FilterCase {
  name: string;
  query: string;
  segment: Segment;
}

/** One case per filter, each chosen from the org's data so that it changes the answer. */
export function filterCases(org: OrgRows, viewer: Set<string> | null): FilterCase[] {
  const mine = org.opportunities.filter((o) => !viewer || viewer.has(o.OwnerId as string));
  const owner = mine[0].OwnerId as string;
  const ownerRole = org.users.find((u) => u.Id === owner)!.UserRoleId as string;
  const product = org.lineItems.find((li) => mine.some((o) => o.Id === li.OpportunityId))!.Product2Id as string;
  const industry = org.accounts.get(mine[0].AccountId as string)!.Industry as string;
  return [
    { name: 'ownerId', query: `ownerId=${owner}`, segment: { owners: new Set([owner]) } },
    { name: 'teamRoleId', query: `teamRoleId=${ownerRole}`, segment: { owners: team(org, ownerRole) } },
    { name: 'type', query: 'type=New%20Business', segment: { type: 'New Business' } },
    { name: 'productId', query: `productId=${product}`, segment: { productId: product } },
    { name: 'industry', query: `industry=${encodeURIComponent(industry)}`, segment: { industry } },
    { name: 'accountSize', query: 'accountSize=enterprise', segment: { accountSize: 'enterprise' } },
  ];
}

/** Calendar quarter (the default fiscal year starts in January) `offset` quarters from today's. */
export function quarter(offset = 0, today = new Date()): { from: string; to: string } {
  const q = today.getUTCFullYear() * 4 + Math.floor(today.getUTCMonth() / 3) + offset;
  const from = new Date(Date.UTC(Math.floor(q / 4), (q % 4) * 3, 1));
  const to = new Date(Date.UTC(Math.floor(q / 4), (q % 4) * 3 + 3, 0));
  return { from: iso(from), to: iso(to) };
}

export const iso = (d: Date) => d.toISOString().slice(0, 10);
export const today = () => iso(new Date());
/** A Salesforce datetime ('2026-10-05T15:23:41.000+0000') as epoch ms. */
export const ms = (value: unknown) => Date.parse(value as string);
/** Its UTC calendar day. */
export const day = (value: unknown) => iso(new Date(ms(value)));
export const amount = (o: Rec) => (o.Amount as number | null) ?? 0;
export const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Amounts compared to the cent: both sides add the same cents in a different order. */
export function expectMoney(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThan(0.005);
}
