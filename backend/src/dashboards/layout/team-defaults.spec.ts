import { RoleHierarchy } from '../../access/role-hierarchy';
import type { Viewer } from '../../access/viewer';
import { mayRead, publishRefusal, rolesAbove } from './team-defaults';

// CEO > VP > {West > WestRep, East > EastRep}
const hierarchy = new RoleHierarchy(
  [
    { id: 'CEO', name: 'CEO', parentRoleId: null },
    { id: 'VP', name: 'VP', parentRoleId: 'CEO' },
    { id: 'West', name: 'West', parentRoleId: 'VP' },
    { id: 'WestRep', name: 'WestRep', parentRoleId: 'West' },
    { id: 'East', name: 'East', parentRoleId: 'VP' },
    { id: 'EastRep', name: 'EastRep', parentRoleId: 'East' },
  ],
  [],
);
const viewer = (roleId: string | null, viewAll = false): Viewer => ({
  userId: `u-${roleId}`,
  name: 'x',
  roleId,
  viewAll,
  ownerIds: null,
});

describe('team defaults along the role hierarchy', () => {
  it('lists the roles above, nearest first, and survives a cycle', () => {
    expect(rolesAbove(hierarchy, 'WestRep')).toEqual(['West', 'VP', 'CEO']);
    expect(rolesAbove(hierarchy, 'CEO')).toEqual([]);
    expect(rolesAbove(hierarchy, null)).toEqual([]);
    const cyclic = new RoleHierarchy(
      [
        { id: 'A', name: 'A', parentRoleId: 'B' },
        { id: 'B', name: 'B', parentRoleId: 'A' },
      ],
      [],
    );
    expect(rolesAbove(cyclic, 'A')).toEqual(['B']);
  });

  it('lets managers publish for their role and below, admins anywhere, reps nowhere', () => {
    expect(publishRefusal(viewer('West'), hierarchy, 'West')).toBeUndefined();
    expect(publishRefusal(viewer('VP'), hierarchy, 'East')).toBeUndefined();
    expect(publishRefusal(viewer('West'), hierarchy, 'East')).toMatch(/only for your own role/);
    expect(publishRefusal(viewer('West'), hierarchy, 'VP')).toMatch(/only for your own role/);
    expect(publishRefusal(viewer('WestRep'), hierarchy, 'WestRep')).toMatch(/Only managers/);
    expect(publishRefusal(viewer(null), hierarchy, 'West')).toMatch(/Only managers/);
    expect(publishRefusal(viewer('WestRep', true), hierarchy, 'CEO')).toBeUndefined();
  });

  it('lets a default be read by those it applies to and those who may publish it', () => {
    expect(mayRead(viewer('WestRep'), hierarchy, 'West')).toBe(true);
    expect(mayRead(viewer('WestRep'), hierarchy, 'VP')).toBe(true);
    expect(mayRead(viewer('EastRep'), hierarchy, 'West')).toBe(false);
    expect(mayRead(viewer('East'), hierarchy, 'West')).toBe(false);
    expect(mayRead(viewer('VP'), hierarchy, 'West')).toBe(true);
  });
});
