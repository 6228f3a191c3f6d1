import { RoleHierarchy } from '../access/role-hierarchy';
import { Audience } from './audience';
import type { Subscription } from './subscriptions/subscription';

// VP > manager > two reps; a peer manager with a rep of her own.
const hierarchy = new RoleHierarchy(
  [
    { id: 'vp', name: 'VP', parentRoleId: null },
    { id: 'west', name: 'West manager', parentRoleId: 'vp' },
    { id: 'west-rep', name: 'West rep', parentRoleId: 'west' },
    { id: 'east', name: 'East manager', parentRoleId: 'vp' },
    { id: 'east-rep', name: 'East rep', parentRoleId: 'east' },
  ],
  [
    { id: 'marco', name: 'Marco', roleId: 'west', isActive: true },
    { id: 'ana', name: 'Ana', roleId: 'west-rep', isActive: true },
    { id: 'ben', name: 'Ben', roleId: 'west-rep', isActive: true },
    { id: 'priya', name: 'Priya', roleId: 'east', isActive: true },
    { id: 'david', name: 'David', roleId: 'east-rep', isActive: true },
    { id: 'gone', name: 'Gone', roleId: 'west', isActive: false },
  ],
);

let next = 1;
const sub = (userId: string, scope: 'self' | 'team', params = {}): Subscription => ({
  id: next++,
  userId,
  ruleKind: 'deal_won',
  scope,
  params,
  active: true,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

describe('Audience', () => {
  it('self covers the subscriber, team everyone below them too (not peers, not other teams)', () => {
    const audience = new Audience(hierarchy);
    expect([...audience.owners(sub('ana', 'self'))!]).toEqual(['ana']);
    expect(new Set(audience.owners(sub('marco', 'team')))).toEqual(new Set(['marco', 'ana', 'ben']));
    expect(audience.owners(sub('gone', 'team'))).toBeNull();
  });

  it('tells each subscriber once about a deal in their scope, above their minAmount', () => {
    const audience = new Audience(hierarchy);
    const ana = sub('ana', 'self', { minAmount: 50_000 });
    const marcoTeam = sub('marco', 'team');
    const marcoSelf = sub('marco', 'self');
    const priya = sub('priya', 'team');
    const all = [ana, marcoTeam, marcoSelf, priya];
    expect(audience.recipients(all, 'deal_won', 'ana', 80_000)).toEqual([ana, marcoTeam]);
    expect(audience.recipients(all, 'deal_won', 'ana', 10_000)).toEqual([marcoTeam]);
    expect(audience.recipients(all, 'deal_won', 'marco', null)).toEqual([marcoTeam]);
    expect(audience.recipients(all, 'deal_won', 'david', 1)).toEqual([priya]);
    expect(audience.recipients(all, 'deal_lost', 'ana', 80_000)).toEqual([]);
    expect(audience.recipients(all, 'deal_won', null, 80_000)).toEqual([]);
  });
});
