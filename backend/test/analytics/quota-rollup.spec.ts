// The roll-up's rules on small hand-made hierarchies: targets, pruning, scope and cycles.
import type { HierarchyRole } from '../../src/access/role-hierarchy';
import type { UserAttainmentDto } from '../../src/quota/dto/quota-attainment.dto';
import { rollUp } from '../../src/quota/quota-rollup';

const roles = new Map<string, HierarchyRole>(
  [
    ['vp', null],
    ['west', 'vp'],
    ['westReps', 'west'],
    ['east', 'vp'],
    ['eastReps', 'east'],
    ['loopA', 'loopB'],
    ['loopB', 'loopA'],
  ].map(([id, parent]) => [id!, { id: id!, name: id!, parentRoleId: parent }]),
);

const user = (
  userId: string,
  roleId: string,
  quotaAmount: number | null,
  closedWonAmount: number,
): UserAttainmentDto => ({
  userId,
  name: userId,
  roleId,
  quotaAmount,
  closedWonAmount,
  closedWonCount: closedWonAmount > 0 ? 1 : 0,
  attainment: null,
});

const users = [
  user('dana', 'vp', null, 0),
  user('marco', 'west', 300, 0),
  user('ana', 'westReps', 100, 80),
  user('ben', 'westReps', 150, 120),
  user('emma', 'eastReps', 200, 50),
];

describe('quota roll-up', () => {
  it("takes a manager's own quota as the team's target, and the sum below where nobody holds one", () => {
    const nodes = new Map(
      rollUp(roles, ['vp', 'west', 'westReps', 'east', 'eastReps'], users).map((n) => [n.roleId, n]),
    );
    expect(nodes.get('westReps')).toMatchObject({ quotaAmount: 250, subtreeQuotaAmount: 250, closedWonAmount: 200 });
    expect(nodes.get('west')).toMatchObject({ quotaAmount: 300, subtreeQuotaAmount: 550, closedWonAmount: 200 });
    expect(nodes.get('west')!.attainment).toBeCloseTo(200 / 300);
    // Nobody in East's manager role: its target is its reps' quota.
    expect(nodes.get('east')).toMatchObject({ quotaAmount: 200, userIds: [], closedWonAmount: 50 });
    // Dana holds no quota in this example: the VP node's target is West's plus East's.
    expect(nodes.get('vp')).toMatchObject({ quotaAmount: 500, subtreeQuotaAmount: 750, closedWonAmount: 250 });
    expect(nodes.get('vp')!.attainment).toBeCloseTo(250 / 500);
  });

  it('lists nodes depth first from the top of the scope, dropping those with nobody in or below them', () => {
    const nodes = rollUp(roles, ['west', 'westReps', 'east', 'eastReps'], users.slice(1, 4));
    expect(nodes.map((n) => [n.roleId, n.depth, n.parentRoleId])).toEqual([
      ['west', 0, null],
      ['westReps', 1, 'west'],
    ]);
  });

  it('gives null targets and attainment when nobody has a quota', () => {
    const [node] = rollUp(roles, ['westReps'], [user('ana', 'westReps', null, 80)]);
    expect(node).toMatchObject({ quotaAmount: null, subtreeQuotaAmount: null, closedWonAmount: 80, attainment: null });
  });

  it('survives a cycle in the hierarchy and ignores roles it does not know', () => {
    expect(rollUp(roles, ['loopA', 'loopB', 'ghost'], [user('x', 'loopA', 10, 5)])).toEqual([]);
  });
});
