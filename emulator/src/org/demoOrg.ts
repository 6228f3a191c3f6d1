// A small, deterministic demo org: a sales team in a role hierarchy, accounts, and opportunities
// across every stage. The same seed and reference date always give the same records.
import { INDUSTRIES } from './schema.ts';
import { formatDate, formatDateTime } from './values.ts';
import type { OrgStore } from './store.ts';

const DAY = 86_400_000;

/** mulberry32: a tiny, well-distributed PRNG, so demo data needs no dependency and never drifts. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STAGES: [name: string, probability: number, forecast: string, closed: boolean, won: boolean][] = [
  ['Prospecting', 10, 'Pipeline', false, false],
  ['Qualification', 10, 'Pipeline', false, false],
  ['Needs Analysis', 20, 'Pipeline', false, false],
  ['Value Proposition', 50, 'Pipeline', false, false],
  ['Id. Decision Makers', 60, 'Pipeline', false, false],
  ['Perception Analysis', 70, 'BestCase', false, false],
  ['Proposal/Price Quote', 75, 'BestCase', false, false],
  ['Negotiation/Review', 90, 'Commit', false, false],
  ['Closed Won', 100, 'Closed', true, true],
  ['Closed Lost', 0, 'Omitted', true, false],
];

const ROLES = [
  ['CEO', undefined],
  ['VP Sales', 'CEO'],
  ['West Sales Manager', 'VP Sales'],
  ['East Sales Manager', 'VP Sales'],
  ['West Sales Rep', 'West Sales Manager'],
  ['East Sales Rep', 'East Sales Manager'],
] as const;

export const DEMO_USERS = [
  { username: 'integration@pulse.demo', first: 'Pulse', last: 'Integration', title: 'Integration User', role: 'CEO' },
  { username: 'dana.whitfield@pulse.demo', first: 'Dana', last: 'Whitfield', title: 'VP Sales', role: 'VP Sales' },
  {
    username: 'marco.alvarez@pulse.demo',
    first: 'Marco',
    last: 'Alvarez',
    title: 'Sales Manager, West',
    role: 'West Sales Manager',
  },
  {
    username: 'priya.natarajan@pulse.demo',
    first: 'Priya',
    last: 'Natarajan',
    title: 'Sales Manager, East',
    role: 'East Sales Manager',
  },
  { username: 'ana.souza@pulse.demo', first: 'Ana', last: 'Souza', title: 'Account Executive', role: 'West Sales Rep' },
  {
    username: 'ben.carter@pulse.demo',
    first: 'Ben',
    last: 'Carter',
    title: 'Account Executive',
    role: 'West Sales Rep',
  },
  { username: 'chloe.kim@pulse.demo', first: 'Chloe', last: 'Kim', title: 'Account Executive', role: 'West Sales Rep' },
  {
    username: 'david.osei@pulse.demo',
    first: 'David',
    last: 'Osei',
    title: 'Account Executive',
    role: 'East Sales Rep',
  },
  {
    username: 'emma.laurent@pulse.demo',
    first: 'Emma',
    last: 'Laurent',
    title: 'Account Executive',
    role: 'East Sales Rep',
  },
  {
    username: 'farid.haddad@pulse.demo',
    first: 'Farid',
    last: 'Haddad',
    title: 'Account Executive',
    role: 'East Sales Rep',
  },
];

const COMPANY_WORDS = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Tyrell',
  'Cyberdyne',
  'Soylent',
  'Hooli',
  'Vandelay',
  'Wonka',
  'Massive',
  'Aperture',
  'Nakatomi',
];
const COMPANY_KINDS = ['Logistics', 'Health', 'Systems', 'Foods', 'Energy', 'Bank', 'Media', 'Motors'];
const PRODUCTS = [
  'Platform License',
  'Analytics Add-on',
  'Support Renewal',
  'Expansion',
  'Pilot',
  'Enterprise Upgrade',
];
/** Early stages hold more deals, as in a real funnel. */
const STAGE_WEIGHTS = [14, 12, 11, 10, 8, 7, 7, 6, 15, 10];

export interface DemoOrgOptions {
  seed?: number;
  /** The reference date close dates are spread around (default: now). */
  now?: number;
  accounts?: number;
  opportunities?: number;
}

export interface DemoOrg {
  adminUserId: string;
  userIdsByUsername: Map<string, string>;
}

export function seedDemoOrg(store: OrgStore, options: DemoOrgOptions = {}): DemoOrg {
  const rand = random(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const now = options.now ?? store.clock();
  const createdAt = formatDateTime(now - 400 * DAY);
  const audit = (userId: string | null) => ({
    CreatedDate: createdAt,
    CreatedById: userId,
    LastModifiedDate: createdAt,
    LastModifiedById: userId,
    SystemModstamp: createdAt,
    IsDeleted: false,
  });

  STAGES.forEach(([name, probability, forecast, closed, won], i) => {
    store.seed('OpportunityStage', {
      MasterLabel: name,
      ApiName: name,
      SortOrder: i + 1,
      IsActive: true,
      IsClosed: closed,
      IsWon: won,
      DefaultProbability: probability,
      ForecastCategoryName: forecast,
      SystemModstamp: createdAt,
    });
  });

  const roleIds = new Map<string, string>();
  for (const [name, parent] of ROLES) {
    const role = store.seed('UserRole', {
      Name: name,
      DeveloperName: name.replaceAll(' ', '_'),
      ParentRoleId: parent ? roleIds.get(parent) : null,
      SystemModstamp: createdAt,
    });
    roleIds.set(name, role.Id);
  }

  const userIdsByUsername = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const user = store.seed('User', {
      Username: u.username,
      FirstName: u.first,
      LastName: u.last,
      Name: `${u.first} ${u.last}`,
      Email: u.username,
      Title: u.title,
      IsActive: true,
      UserRoleId: roleIds.get(u.role),
      ManagerId: null,
      TimeZoneSidKey: 'America/Los_Angeles',
      LocaleSidKey: 'en_US',
      DefaultCurrencyIsoCode: 'USD',
      ...audit(null),
    });
    userIdsByUsername.set(u.username, user.Id);
  }
  const adminUserId = userIdsByUsername.get(DEMO_USERS[0].username)!;
  const reps = DEMO_USERS.filter((u) => u.role.endsWith('Rep')).map((u) => userIdsByUsername.get(u.username)!);

  const accounts = Array.from({ length: options.accounts ?? 30 }, (_, i) => {
    const owner = pick(reps);
    return store.seed('Account', {
      Name: `${COMPANY_WORDS[i % COMPANY_WORDS.length]} ${COMPANY_KINDS[Math.floor(i / COMPANY_WORDS.length) % COMPANY_KINDS.length]}`,
      Type: pick(['Prospect', 'Customer - Direct', 'Customer - Channel']),
      Industry: pick(INDUSTRIES),
      AnnualRevenue: Math.round(rand() * 500) * 1_000_000,
      NumberOfEmployees: 50 + Math.floor(rand() * 20_000),
      BillingCity: pick(['San Francisco', 'Seattle', 'Austin', 'New York', 'Boston', 'Toronto']),
      BillingCountry: 'United States',
      OwnerId: owner,
      ...audit(adminUserId),
    });
  });

  const totalWeight = STAGE_WEIGHTS.reduce((a, b) => a + b, 0);
  const weightedStage = () => {
    let r = rand() * totalWeight;
    return STAGES.findIndex((_, i) => (r -= STAGE_WEIGHTS[i]) < 0);
  };
  for (let i = 0; i < (options.opportunities ?? 120); i++) {
    const account = pick(accounts);
    const [stage, probability, forecast, closed, won] = STAGES[weightedStage()];
    const closeOffset = closed ? -Math.floor(rand() * 365) : Math.floor(rand() * 180) - 15;
    const amount = Math.round((5_000 + rand() * rand() * 245_000) / 500) * 500;
    store.seed('Opportunity', {
      Name: `${account.Name} - ${pick(PRODUCTS)}`,
      AccountId: account.Id,
      OwnerId: account.OwnerId,
      StageName: stage,
      Amount: amount,
      Probability: probability,
      ExpectedRevenue: (amount * probability) / 100,
      CloseDate: formatDate(now + closeOffset * DAY),
      Type: pick(['New Business', 'Existing Business']),
      LeadSource: pick(['Web', 'Phone Inquiry', 'Partner Referral', 'Other']),
      ForecastCategoryName: forecast,
      IsClosed: closed,
      IsWon: won,
      CurrencyIsoCode: 'USD',
      LastActivityDate: null,
      LastStageChangeDate: createdAt,
      ...audit(account.OwnerId as string),
    });
  }
  return { adminUserId, userIdsByUsername };
}
