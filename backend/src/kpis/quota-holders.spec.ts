import { RoleHierarchy } from '../access/role-hierarchy';
import { scopeQuota } from './quota-holders';

const roles = [
  { id: 'ceo', name: 'CEO', parentRoleId: null },
  { id: 'vp', name: 'VP', parentRoleId: 'ceo' },
  { id: 'west', name: 'West Manager', parentRoleId: 'vp' },
  { id: 'westRep', name: 'West Rep', parentRoleId: 'west' },
  { id: 'east', name: 'East Manager', parentRoleId: 'vp' },
  { id: 'eastRep', name: 'East Rep', parentRoleId: 'east' },
];
const user = (id: string, roleId: string | null) => ({ id, name: id, roleId, isActive: true });
const hierarchy = new RoleHierarchy(roles, [
  user('vp', 'vp'),
  user('marco', 'west'),
  user('ana', 'westRep'),
  user('ben', 'westRep'),
  user('priya', 'east'),
  user('david', 'eastRep'),
  user('loner', null),
]);
const q = (ownerId: string, amount: number) => ({ ownerId, amount });

describe('scopeQuota', () => {
  it("takes a manager's quota for the team instead of adding the reps' to it", () => {
    expect(scopeQuota([q('marco', 300), q('ana', 160), q('ben', 150)], hierarchy)).toBe(300);
    expect(scopeQuota([q('vp', 900), q('marco', 300), q('priya', 500), q('ana', 160)], hierarchy)).toBe(900);
  });

  it('adds peers, and users in separate branches or outside the hierarchy', () => {
    expect(scopeQuota([q('ana', 160), q('ben', 150)], hierarchy)).toBe(310);
    expect(scopeQuota([q('marco', 300), q('priya', 500), q('david', 70)], hierarchy)).toBe(800);
    expect(scopeQuota([q('loner', 40), q('ana', 160)], hierarchy)).toBe(200);
  });

  it('is null without quota rows', () => {
    expect(scopeQuota([], hierarchy)).toBeNull();
  });

  it('stops on a role that is its own ancestor', () => {
    const loop = new RoleHierarchy(
      [
        { id: 'a', name: 'A', parentRoleId: 'b' },
        { id: 'b', name: 'B', parentRoleId: 'a' },
      ],
      [user('x', 'a')],
    );
    expect(scopeQuota([q('x', 10)], loop)).toBe(10);
  });
});
