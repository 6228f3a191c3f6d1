import { RoleHierarchy, type HierarchyRole, type HierarchyUser } from '../../src/access/role-hierarchy';

// CEO
// └─ VP ── West Manager ── West Rep
//       └─ East Manager ── East Rep
const role = (id: string, parentRoleId: string | null): HierarchyRole => ({ id, name: id, parentRoleId });
const user = (id: string, roleId: string | null, isActive = true): HierarchyUser => ({
  id,
  name: id,
  roleId,
  isActive,
});

const ROLES = [
  role('ceo', null),
  role('vp', 'ceo'),
  role('west-mgr', 'vp'),
  role('west-rep', 'west-mgr'),
  role('east-mgr', 'vp'),
  role('east-rep', 'east-mgr'),
];
const USERS = [
  user('ceo-1', 'ceo'),
  user('vp-1', 'vp'),
  user('vp-2', 'vp'),
  user('wm-1', 'west-mgr'),
  user('wr-1', 'west-rep'),
  user('wr-2', 'west-rep', false),
  user('em-1', 'east-mgr'),
  user('er-1', 'east-rep'),
  user('loner', null),
];
const hierarchy = new RoleHierarchy(ROLES, USERS);

describe('RoleHierarchy', () => {
  it('lists the roles strictly below a role, each once', () => {
    expect(hierarchy.rolesBelow('vp').sort()).toEqual(['east-mgr', 'east-rep', 'west-mgr', 'west-rep']);
    expect(hierarchy.rolesBelow('west-rep')).toEqual([]);
    expect(hierarchy.rolesBelow('unknown')).toEqual([]);
  });

  it('lets a user see themselves and the users below, not their peers or those above', () => {
    expect(hierarchy.visibleOwners('vp-1').sort()).toEqual(['em-1', 'er-1', 'vp-1', 'wm-1', 'wr-1', 'wr-2']);
    expect(hierarchy.visibleOwners('wm-1').sort()).toEqual(['wm-1', 'wr-1', 'wr-2']);
    expect(hierarchy.visibleOwners('wr-1')).toEqual(['wr-1']);
  });

  it('still counts records owned by inactive users below (their deals stay in the pipeline)', () => {
    expect(hierarchy.visibleOwners('wm-1')).toContain('wr-2');
  });

  it('gives a user outside the hierarchy, or unknown, only their own', () => {
    expect(hierarchy.visibleOwners('loner')).toEqual(['loner']);
    expect(hierarchy.visibleOwners('nobody')).toEqual(['nobody']);
  });

  it('takes a team as the role and everything below, peers included', () => {
    expect(hierarchy.teamMembers('vp').sort()).toEqual(['em-1', 'er-1', 'vp-1', 'vp-2', 'wm-1', 'wr-1', 'wr-2']);
    expect(hierarchy.teamMembers('east-rep')).toEqual(['er-1']);
  });

  it('follows a role whose parent is not mirrored yet, and ends on a cycle', () => {
    const dangling = new RoleHierarchy(
      [role('a', 'missing'), role('b', 'a')],
      [user('u-missing', 'missing'), user('u-b', 'b')],
    );
    expect(dangling.visibleOwners('u-missing').sort()).toEqual(['u-b', 'u-missing']);

    const cycle = new RoleHierarchy([role('x', 'y'), role('y', 'x')], [user('ux', 'x'), user('uy', 'y')]);
    expect(cycle.rolesBelow('x')).toEqual(['y']);
    expect(cycle.visibleOwners('ux').sort()).toEqual(['ux', 'uy']);
  });

  it('finds users and roles by 18- or 15-character Id, case-sensitively', () => {
    const ids = new RoleHierarchy(
      [role('00E000000000001AAA', null)],
      [user('005000000000001AAA', '00E000000000001AAA')],
    );
    expect(ids.findUser('005000000000001')?.id).toBe('005000000000001AAA');
    expect(ids.findUser('005000000000001AAA')?.id).toBe('005000000000001AAA');
    expect(ids.findUser('005000000000001aaa')).toBeUndefined();
    expect(ids.findRole('00E000000000001')?.id).toBe('00E000000000001AAA');
    expect(ids.findRole('00E00000000000')).toBeUndefined();
  });
});
