import { coverageRatio } from './forecast-risk.rule';

describe('coverageRatio', () => {
  it('open pipeline over what is left of the quota', () => {
    expect(coverageRatio({ pipeline: 300, won: 100, quota: 200 })).toBe(3);
    expect(coverageRatio({ pipeline: 0, won: 0, quota: 200 })).toBe(0);
  });

  it('none without a quota, or once it is met', () => {
    expect(coverageRatio({ pipeline: 300, won: 0, quota: null })).toBeNull();
    expect(coverageRatio({ pipeline: 300, won: 250, quota: 200 })).toBeNull();
  });
});
