import type { HierarchyRole } from '../../src/access/role-hierarchy';
import { cumulative, emptyAmounts, type CategoryAmounts } from '../../src/forecast/categories/category-figures';
import { rollUpCategories } from '../../src/forecast/categories/category-rollup';

const roles = new Map<string, HierarchyRole>(
  [
    { id: 'vp', name: 'VP', parentRoleId: null },
    { id: 'mgr', name: 'Manager', parentRoleId: 'vp' },
    { id: 'reps', name: 'Reps', parentRoleId: 'mgr' },
    { id: 'empty', name: 'Empty', parentRoleId: 'vp' },
  ].map((r) => [r.id, r]),
);
const amounts = (a: Partial<CategoryAmounts>): CategoryAmounts => ({ ...emptyAmounts(), ...a });

describe('category roll-up', () => {
  const users = [
    { userId: 'ana', roleId: 'reps', periods: [amounts({ closed: 100, commit: 50, quota: 300 })] },
    { userId: 'ben', roleId: 'reps', periods: [amounts({ bestCase: 70, pipeline: 10, quota: 200 })] },
    { userId: 'marco', roleId: 'mgr', periods: [amounts({ pipeline: 5, quota: 600 })] },
  ];

  it("adds amounts up the hierarchy; a role with a quota holder keeps their quota, else its children's", () => {
    const rolled = rollUpCategories(roles, ['vp', 'mgr', 'reps', 'empty'], users, 1);
    expect(rolled.map((r) => [r.roleId, r.depth, r.parentRoleId])).toEqual([
      ['vp', 0, null],
      ['mgr', 1, 'vp'],
      ['reps', 2, 'mgr'],
    ]);
    const [vp, mgr, reps] = rolled.map((r) => r.periods[0]);
    expect(reps).toEqual(amounts({ closed: 100, commit: 50, bestCase: 70, pipeline: 10, quota: 500 }));
    expect(mgr).toEqual(amounts({ closed: 100, commit: 50, bestCase: 70, pipeline: 15, quota: 600 }));
    expect(vp).toEqual(amounts({ closed: 100, commit: 50, bestCase: 70, pipeline: 15, quota: 600 }));
  });

  it('starts at the scope it is given (a manager sees their subtree only)', () => {
    const rolled = rollUpCategories(roles, ['mgr', 'reps'], users, 1);
    expect(rolled.map((r) => r.roleId)).toEqual(['mgr', 'reps']);
    expect(rolled[0].parentRoleId).toBeNull();
  });

  it('names the cumulative rollups as Collaborative Forecasts does', () => {
    expect(cumulative(amounts({ closed: 1, commit: 2, bestCase: 4, pipeline: 8, omitted: 16 }))).toEqual({
      closedOnly: 1,
      commitForecast: 3,
      bestCaseForecast: 7,
      openPipeline: 14,
    });
  });
});
