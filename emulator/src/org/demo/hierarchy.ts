// Larger sales organisations for scale tests: an exact number of users in a role hierarchy of a
// chosen depth. Below the VP, areas (West, East, Central, EMEA, APAC) split into districts, level
// after level, down to teams of at most eight reps, so a leader high up has thousands below and a
// rep near the bottom sees only their own. The named demo users keep their places: Marco and
// Priya lead the first West and East teams, with their three reps each.
import { FIRST_NAMES, LAST_NAMES } from './catalog.ts';
import {
  DEMO_USERS,
  extraUser,
  REGIONS,
  regionOf,
  REPS_PER_EXTRA_TEAM,
  teamRep,
  type LaidOutUser,
  type TeamLayout,
} from './team.ts';

export interface HierarchyShape {
  /** Every user, the integration user included. */
  users?: number;
  /** Reps when `users` is not given. */
  reps?: number;
  /** Role levels from the CEO down to the reps (4: CEO > VP Sales > manager > rep). */
  roleLevels: number;
}

export const MIN_ROLE_LEVELS = 4;
export const MAX_ROLE_LEVELS = 12;
const NAMED_REPS = 6;

/** Teams 0..count-1 under one leader, as the leaders below it split them. */
interface Node {
  teams: number[];
  children: Node[];
}

/**
 * The leaders above `teams` teams with `middle` levels between the VP and the team managers:
 * first the areas (team t in area t mod 5, so team 0 is West and team 1 East), then each level
 * splits its teams into about the same number of groups as the levels left to split them.
 */
function leaderTree(teams: number, middle: number): Node[] {
  if (middle === 0) return [];
  const areas = Math.min(REGIONS.length, teams);
  const split = (ids: number[], levels: number): Node => {
    if (levels === 1) return { teams: ids, children: [] };
    const groups = Math.ceil(ids.length ** (1 / levels));
    const children: Node[] = [];
    for (let g = 0; g < groups; g++) {
      children.push(
        split(
          ids.slice(Math.floor((g * ids.length) / groups), Math.floor(((g + 1) * ids.length) / groups)),
          levels - 1,
        ),
      );
    }
    return { teams: ids, children };
  };
  return Array.from({ length: areas }, (_, a) => {
    const ids: number[] = [];
    for (let t = a; t < teams; t += areas) ids.push(t);
    return split(ids, middle);
  });
}

const count = (nodes: Node[]): number => nodes.reduce((sum, n) => sum + 1 + count(n.children), 0);

export function scaledLayout(shape: HierarchyShape): TeamLayout {
  const levels = shape.roleLevels;
  if (!Number.isInteger(levels) || levels < MIN_ROLE_LEVELS || levels > MAX_ROLE_LEVELS)
    throw new RangeError(`roleLevels must be an integer from ${MIN_ROLE_LEVELS} to ${MAX_ROLE_LEVELS}, got ${levels}`);
  const middle = levels - MIN_ROLE_LEVELS;
  const { teams, reps } = sizeTeams(shape, middle);
  const sizes = repsPerTeam(teams, reps);
  const tree = leaderTree(teams, middle);

  const roles: TeamLayout['roles'] = [{ name: 'CEO' }, { name: 'VP Sales', parent: 'CEO' }];
  const named = new Map(DEMO_USERS.map((u, i) => [u.username, i]));
  const users: LaidOutUser[] = DEMO_USERS.map((u) => ({
    ...u,
    team: u.role.startsWith('West') ? 0 : 1,
    kind: u.role.endsWith('Rep') ? 'rep' : u.role.endsWith('Manager') ? 'manager' : 'top',
  }));
  const leaders: TeamLayout['leaders'] = [];
  /** The role and user each team's manager reports to (the VP when there are no middle levels). */
  const above = new Map<number, { role: string; user: number }>();
  // Breadth first, so each role is seeded after its parent.
  let level = tree.map((node, a) => ({ node, name: `${REGIONS[a]} Area`, parent: { role: 'VP Sales', user: 1 } }));
  for (let depth = 0; level.length > 0; depth++) {
    const next: typeof level = [];
    for (const { node, name, parent } of level) {
      const k = users.length;
      const person = `${FIRST_NAMES[(k * 3) % FIRST_NAMES.length]} ${LAST_NAMES[(k * 13) % LAST_NAMES.length]}`;
      const title = depth === 0 ? `Area Vice President, ${name.replace(/ Area$/, '')}` : `Sales Director, ${name}`;
      roles.push({ name, parent: parent.role });
      users.push({ ...extraUser(person, title, name, node.teams[0], k, 'leader'), reportsTo: parent.user });
      leaders.push({ user: k, teams: node.teams });
      const here = { role: name, user: k };
      if (node.children.length === 0) for (const t of node.teams) above.set(t, here);
      node.children.forEach((child, c) => {
        const district = depth === 0 ? `${name.replace(/ Area$/, '')} District ${c + 1}` : `${name} ${c + 1}`;
        next.push({ node: child, name: district, parent: here });
      });
    }
    level = next;
  }

  const managerOfTeam: number[] = [];
  for (let t = 0; t < teams; t++) {
    const region = regionOf(t);
    const boss = above.get(t) ?? { role: 'VP Sales', user: 1 };
    roles.push({ name: `${region} Sales Manager`, parent: boss.role });
    roles.push({ name: `${region} Sales Rep`, parent: `${region} Sales Manager` });
    if (t < 2) {
      const manager = named.get(t === 0 ? 'marco.alvarez@pulse.demo' : 'priya.natarajan@pulse.demo')!;
      users[manager].reportsTo = boss.user;
      managerOfTeam.push(manager);
      continue;
    }
    const name = `${FIRST_NAMES[t % FIRST_NAMES.length]} ${LAST_NAMES[(t * 7) % LAST_NAMES.length]}`;
    managerOfTeam.push(users.length);
    users.push({
      ...extraUser(name, `Sales Manager, ${region}`, `${region} Sales Manager`, t, users.length, 'manager'),
      reportsTo: boss.user,
    });
    for (let r = 0; r < sizes[t]; r++) users.push(teamRep(t, region, users.length));
  }
  // The named teams' reps beyond the named three, when the users do not fill the other teams.
  for (const t of [0, 1]) for (let r = 3; r < sizes[t]; r++) users.push(teamRep(t, regionOf(t), users.length));
  for (const u of users) if (u.kind === 'rep') u.reportsTo = managerOfTeam[u.team];
  return { roles, users, leaders };
}

/** How many teams, and reps in all, make exactly `shape.users` users (or hold `shape.reps` reps). */
function sizeTeams(shape: HierarchyShape, middle: number): { teams: number; reps: number } {
  if (shape.users === undefined) {
    const reps = Math.max(NAMED_REPS, shape.reps ?? NAMED_REPS);
    return { teams: 2 + Math.ceil((reps - NAMED_REPS) / REPS_PER_EXTRA_TEAM), reps };
  }
  const users = shape.users;
  // Admin and VP, the leaders, a manager per team, and the reps.
  const repsFor = (teams: number) => users - 2 - count(leaderTree(teams, middle)) - teams;
  const least = 2 + count(leaderTree(2, middle)) + 2 + NAMED_REPS;
  if (!Number.isInteger(users) || users < least)
    throw new RangeError(`users must be an integer of at least ${least} for ${middle + 4} role levels, got ${users}`);
  let teams = 2;
  while (repsFor(teams) > REPS_PER_EXTRA_TEAM * teams) teams++;
  const reps = repsFor(teams);
  // Every team past the named two needs a rep; a hierarchy that cannot give them one is refused.
  if (reps < NAMED_REPS + teams - 2)
    throw new RangeError(`users: ${users} cannot be laid out in ${middle + 4} role levels; try ${users + 1}`);
  return { teams, reps };
}

/** Reps per team: the named teams keep their three, the others share the rest evenly (at most eight). */
function repsPerTeam(teams: number, reps: number): number[] {
  const sizes = Array.from({ length: teams }, (_, t): number => (t < 2 ? 3 : 0));
  let extra = reps - NAMED_REPS;
  for (let t = 2; t < teams; t++) {
    sizes[t] = Math.min(REPS_PER_EXTRA_TEAM, Math.ceil(extra / (teams - t)));
    extra -= sizes[t];
  }
  // What the other teams cannot hold (only in small orgs) joins the named teams.
  for (let t = 0; extra > 0; t = (t + 1) % 2) {
    sizes[t]++;
    extra--;
  }
  return sizes;
}
