import { resolveParams } from './rule-kinds';

describe('resolveParams', () => {
  it('fills in the rule’s defaults and drops what the rule does not take', () => {
    expect(resolveParams('deal_won', {})).toEqual({ minAmount: 0 });
    expect(resolveParams('deal_won', { minAmount: 5, days: 3 })).toEqual({ minAmount: 5 });
    expect(resolveParams('no_activity', undefined)).toEqual({ days: 14 });
    expect(resolveParams('stage_moved_backwards', { minAmount: 1 })).toEqual({});
  });
});
