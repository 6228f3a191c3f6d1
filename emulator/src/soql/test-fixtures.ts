// Test-only: a tiny org (a role, two users, two accounts, six opportunities, one of them deleted) and an
// in-memory RecordSource over it. "Now" in the specs is Wednesday 2026-04-15 12:00 UTC.

import type { SObjectRecord } from '../org/schema.ts';
import type { QueryOptions, QueryResult, RecordSource } from './api.ts';
import { executeSoql } from './execute.ts';

export const NOW = new Date('2026-04-15T12:00:00Z');

export const ROLE_VP = '00E000000000001AAA';
export const ANA = '005000000000001AAA';
export const BRUNO = '005000000000002AAA';
export const ACME = '001000000000001AAA';
export const GLOBEX = '001000000000002AAA';

const system = (id: string, created: string): SObjectRecord => ({
  Id: id,
  IsDeleted: false,
  CreatedDate: created,
  CreatedById: ANA,
  LastModifiedDate: created,
  LastModifiedById: ANA,
  SystemModstamp: created,
});

export const ROLES: SObjectRecord[] = [
  {
    Id: ROLE_VP,
    Name: 'Sales VP',
    DeveloperName: 'SalesVP',
    ParentRoleId: null,
    SystemModstamp: '2025-01-01T00:00:00.000+0000',
  },
];

export const USERS: SObjectRecord[] = [
  {
    ...system(ANA, '2025-01-01T00:00:00.000+0000'),
    Name: 'Ana Silva',
    Email: 'ana@example.com',
    UserRoleId: ROLE_VP,
    ManagerId: null,
    IsActive: true,
  },
  {
    ...system(BRUNO, '2025-01-02T00:00:00.000+0000'),
    Name: 'Bruno Costa',
    Email: 'bruno@example.com',
    UserRoleId: null,
    ManagerId: ANA,
    IsActive: true,
  },
];

export const ACCOUNTS: SObjectRecord[] = [
  {
    ...system(ACME, '2025-02-01T00:00:00.000+0000'),
    Name: 'Acme',
    Industry: 'Technology',
    AnnualRevenue: 1_000_000,
    OwnerId: ANA,
  },
  {
    ...system(GLOBEX, '2025-02-02T00:00:00.000+0000'),
    Name: 'Globex',
    Industry: 'Banking',
    AnnualRevenue: null,
    OwnerId: BRUNO,
  },
];

const opp = (n: number, created: string, fields: Record<string, unknown>): SObjectRecord => ({
  ...system(`00600000000000${n}AAA`, created),
  Type: null,
  LeadSource: null,
  ...fields,
});

/** O1..O5 are live, O6 is in the recycle bin. */
export const OPPORTUNITIES: SObjectRecord[] = [
  opp(1, '2026-01-10T09:00:00.000+0000', {
    Name: 'Acme - Renewal',
    StageName: 'Closed Won',
    Amount: 50000,
    Probability: 100,
    CloseDate: '2026-03-31',
    OwnerId: ANA,
    AccountId: ACME,
    IsClosed: true,
    IsWon: true,
    Type: 'Existing Business',
    LeadSource: 'Web',
  }),
  opp(2, '2026-04-14T23:59:59.000+0000', {
    Name: 'Acme - Expansion',
    StageName: 'Negotiation/Review',
    Amount: 120000,
    Probability: 80,
    CloseDate: '2026-04-20',
    OwnerId: ANA,
    AccountId: ACME,
    IsClosed: false,
    IsWon: false,
    Type: 'New Business',
    LeadSource: 'Phone Inquiry',
  }),
  opp(3, '2026-04-15T08:00:00.000+0000', {
    Name: 'Globex - New',
    StageName: 'Prospecting',
    Amount: null,
    Probability: 10,
    CloseDate: '2026-06-30',
    OwnerId: BRUNO,
    AccountId: GLOBEX,
    IsClosed: false,
    IsWon: false,
  }),
  opp(4, '2025-12-01T10:00:00.000+0000', {
    Name: 'Globex - Services',
    StageName: 'Closed Lost',
    Amount: 30000,
    Probability: 0,
    CloseDate: '2026-02-15',
    OwnerId: BRUNO,
    AccountId: GLOBEX,
    IsClosed: true,
    IsWon: false,
    Type: 'New Business',
  }),
  opp(5, '2026-03-20T15:30:00.000+0000', {
    Name: 'orphan deal',
    StageName: 'Qualification',
    Amount: 7500.5,
    Probability: 20,
    CloseDate: '2026-05-05',
    OwnerId: BRUNO,
    AccountId: null,
    IsClosed: false,
    IsWon: false,
    LeadSource: 'Web',
  }),
  {
    ...opp(6, '2026-04-01T00:00:00.000+0000', {
      Name: 'Deleted deal',
      StageName: 'Prospecting',
      Amount: 999,
      Probability: 10,
      CloseDate: '2026-04-01',
      OwnerId: ANA,
      AccountId: ACME,
      IsClosed: false,
      IsWon: false,
    }),
    IsDeleted: true,
  },
];

export function memorySource(tables: Record<string, SObjectRecord[]>): RecordSource & { lookups: number } {
  const byId = new Map<string, SObjectRecord>();
  for (const rows of Object.values(tables)) for (const r of rows) byId.set(r.Id.slice(0, 15), r);
  const source = {
    lookups: 0,
    scan: (sobject: string) => tables[sobject] ?? [],
    byId: (id: string) => {
      source.lookups++;
      return byId.get(id.slice(0, 15));
    },
  };
  return source;
}

export const ORG = memorySource({ UserRole: ROLES, User: USERS, Account: ACCOUNTS, Opportunity: OPPORTUNITIES });

export function query(text: string, options: Partial<QueryOptions> = {}): QueryResult {
  return executeSoql(text, ORG, { includeDeleted: false, apiVersion: '66.0', now: NOW, ...options });
}

/** The Names of the records a query returns, in order: the common thing a filter test looks at. */
export const names = (text: string, options: Partial<QueryOptions> = {}): unknown[] =>
  query(text, options).records.map((r) => r.Name);

/** Runs a query expected to fail and returns the SoqlError's code and reason. */
export function failure(text: string): { errorCode: string; reason: string; message: string } {
  try {
    query(text);
  } catch (e) {
    const err = e as { errorCode: string; reason: string; message: string };
    return { errorCode: err.errorCode, reason: err.reason, message: err.message };
  }
  throw new Error(`expected the query to fail: ${text}`);
}
