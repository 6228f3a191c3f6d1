// The sales team: a role hierarchy (CEO > VP Sales > regional managers > reps), its users, and how
// each rep sells. The ten DEMO_USERS are always there; larger orgs add teams of eight reps
// (hierarchy.ts lays out deeper ones of an exact size).
import type { OrgStore } from '../store.ts';
import { FIRST_NAMES, LAST_NAMES } from './catalog.ts';
import type { Random } from './random.ts';

export interface RepProfile {
  /** Win-rate, deal-size and cycle-length factors. */
  win: number;
  size: number;
  cycle: number;
  /** Planned cycle as a share of the real one: below 1, close dates slip. */
  optimism: number;
  /** Chance that an overdue open deal gets its close date pushed rather than left stale. */
  hygiene: number;
  /** Chance that a deal ready to sign waits for, or is pulled into, the quarter's last days. */
  quarterEnd: number;
  /** How often the rep logs calls, emails and meetings. */
  activity: number;
  /** Affinity to SMB, mid-market and enterprise accounts. */
  segments: readonly [number, number, number];
}

export interface Rep {
  userId: string;
  username: string;
  team: number;
  profile: RepProfile;
}

export interface Team {
  adminUserId: string;
  vpUserId: string;
  userIdsByUsername: Map<string, string>;
  /** Each team's manager, by team number. */
  managerIds: string[];
  /** Managers of managers (only in deeper hierarchies), with the teams below each. */
  leaders: { userId: string; teams: number[] }[];
  reps: Rep[];
}

type Seeded = { username: string; first: string; last: string; title: string; role: string };

export const DEMO_USERS: Seeded[] = [
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

const profile = (
  win: number,
  size: number,
  cycle: number,
  optimism: number,
  hygiene: number,
  quarterEnd: number,
  activity: number,
  segments: [number, number, number],
): RepProfile => ({ win, size, cycle, optimism, hygiene, quarterEnd, activity, segments });

/** The named reps sell visibly differently, so dashboards have something to compare. */
// prettier-ignore
const NAMED_PROFILES: Record<string, RepProfile> = {
  //                         win   size  cycle optim hygiene qEnd activity segments (SMB, mid, enterprise)
  'ana.souza@pulse.demo':    profile(1.3,  1.15, 0.9,  0.85, 0.9,  0.45, 1.2, [0.8, 1, 1.3]), // a closer, leans enterprise
  'ben.carter@pulse.demo':   profile(1,    0.7,  0.75, 0.65, 0.6,  0.3,  0.9, [1.6, 0.8, 0.3]), // volume SMB seller
  'chloe.kim@pulse.demo':    profile(0.65, 0.95, 1.25, 0.5,  0.4,  0.35, 0.7, [1, 1.1, 0.8]), // still ramping: slips, stale deals
  'david.osei@pulse.demo':   profile(1.1,  1,    1,    0.75, 0.8,  0.4,  1,   [1, 1, 1]), // steady
  'emma.laurent@pulse.demo': profile(0.85, 1.6,  1.4,  0.6,  0.7,  0.65, 1.1, [0.4, 0.9, 1.8]), // enterprise hunter
  'farid.haddad@pulse.demo': profile(1.2,  0.9,  0.95, 0.9,  0.85, 0.6,  0.8, [1.1, 1.1, 0.8]), // conservative, quarter-end closer
};

export const REGIONS = ['West', 'East', 'Central', 'EMEA', 'APAC'];
export const REPS_PER_EXTRA_TEAM = 8;

function randomProfile(rand: Random): RepProfile {
  return {
    win: Math.min(1.5, rand.spread(0.22)),
    size: rand.spread(0.25),
    cycle: rand.spread(0.2),
    optimism: rand.between(0.5, 0.9),
    hygiene: rand.between(0.4, 0.95),
    quarterEnd: rand.between(0.25, 0.65),
    activity: rand.between(0.7, 1.2),
    segments: [rand.between(0.4, 1.6), rand.between(0.6, 1.3), rand.between(0.3, 1.6)],
  };
}

const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** One user to seed: who they are, their role, their team, and whom they report to (an index). */
export type LaidOutUser = Seeded & { team: number; kind: 'top' | 'leader' | 'manager' | 'rep'; reportsTo?: number };

/** A whole sales organisation before any record exists: roles (parents first) and users. */
export interface TeamLayout {
  roles: { name: string; parent?: string }[];
  users: LaidOutUser[];
  /** Managers above team managers (deeper hierarchies): their user index and the teams below them. */
  leaders: { user: number; teams: number[] }[];
}

/** Today's demo: CEO > VP Sales > a manager per team > the team's reps, teams of eight past the named two. */
export function demoLayout(repCount: number): TeamLayout {
  const roles: TeamLayout['roles'] = [{ name: 'CEO' }, { name: 'VP Sales', parent: 'CEO' }];
  const users: LaidOutUser[] = DEMO_USERS.map((u) => ({
    ...u,
    team: u.role.startsWith('West') ? 0 : 1,
    kind: u.role.endsWith('Rep') ? 'rep' : u.role.endsWith('Manager') ? 'manager' : 'top',
  }));
  const teams = 2 + Math.ceil(Math.max(0, repCount - 6) / REPS_PER_EXTRA_TEAM);
  for (let t = 0; t < teams; t++) {
    const region = regionOf(t);
    roles.push({ name: `${region} Sales Manager`, parent: 'VP Sales' });
    roles.push({ name: `${region} Sales Rep`, parent: `${region} Sales Manager` });
    if (t < 2) continue;
    const manager = `${FIRST_NAMES[t % FIRST_NAMES.length]} ${LAST_NAMES[(t * 7) % LAST_NAMES.length]}`;
    users.push(extraUser(manager, `Sales Manager, ${region}`, `${region} Sales Manager`, t, users.length, 'manager'));
    const size = Math.min(REPS_PER_EXTRA_TEAM, repCount - 6 - (t - 2) * REPS_PER_EXTRA_TEAM);
    for (let r = 0; r < size; r++) users.push(teamRep(t, region, users.length));
  }
  // Reporting lines: reps to their manager, managers to the VP.
  const managerOf = new Map<number, number>();
  users.forEach((u, i) => u.kind === 'manager' && managerOf.set(u.team, i));
  for (const u of users) u.reportsTo = u.kind === 'rep' ? managerOf.get(u.team) : u.kind === 'manager' ? 1 : undefined;
  return { roles, users, leaders: [] };
}

/** The region (and so the role names) of team `t`: West, East, Central, EMEA, APAC, West 2... */
export function regionOf(t: number): string {
  return REGIONS[t % REGIONS.length] + (t >= REGIONS.length ? ` ${Math.floor(t / REGIONS.length) + 1}` : '');
}

/** A generated account executive of team `t`, the `k`th user. */
export function teamRep(t: number, region: string, k: number): LaidOutUser {
  const name = `${FIRST_NAMES[k % FIRST_NAMES.length]} ${LAST_NAMES[(k * 11 + t) % LAST_NAMES.length]}`;
  return extraUser(name, 'Account Executive', `${region} Sales Rep`, t, k, 'rep');
}

export function seedTeam(store: OrgStore, rand: Random, layout: TeamLayout, audit: Record<string, unknown>): Team {
  const roleIds = new Map<string, string>();
  for (const { name, parent } of layout.roles) {
    const seeded = store.seed('UserRole', {
      Name: name,
      DeveloperName: name.replaceAll(' ', '_'),
      ParentRoleId: parent ? roleIds.get(parent) : null,
      SystemModstamp: audit.SystemModstamp,
    });
    roleIds.set(name, seeded.Id);
  }
  const { users } = layout;
  const userIdsByUsername = new Map<string, string>();
  const ids = users.map((u) => {
    const id = store.seed('User', {
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
      ...audit,
    }).Id;
    userIdsByUsername.set(u.username, id);
    return id;
  });
  users.forEach((u, i) => (store.get('User', ids[i])!.ManagerId = u.reportsTo === undefined ? null : ids[u.reportsTo]));
  const managerOf = new Map<number, string>();
  users.forEach((u, i) => u.kind === 'manager' && managerOf.set(u.team, ids[i]));
  const managerIds = [...managerOf.keys()].sort((a, b) => a - b).map((t) => managerOf.get(t)!);
  const reps = users.flatMap((u, i) =>
    u.kind === 'rep'
      ? [
          {
            userId: ids[i],
            username: u.username,
            team: u.team,
            profile: NAMED_PROFILES[u.username] ?? randomProfile(rand),
          },
        ]
      : [],
  );
  const leaders = layout.leaders.map((l) => ({ userId: ids[l.user], teams: l.teams }));
  return { adminUserId: ids[0], vpUserId: ids[1], userIdsByUsername, managerIds, leaders, reps };
}

export function extraUser(
  name: string,
  title: string,
  role: string,
  team: number,
  k: number,
  kind: LaidOutUser['kind'],
): LaidOutUser {
  const [first, last] = name.split(' ');
  return { username: `${ascii(first)}.${ascii(last)}.${k}@pulse.demo`, first, last, title, role, team, kind };
}
