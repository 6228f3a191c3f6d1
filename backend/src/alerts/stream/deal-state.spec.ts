import type { FoldedChange } from '../../sync/stream/change-fold';
import { dealAfter, mayFire, type DealState, type StageInfo } from './deal-state';

const STAGES = new Map<string, StageInfo>([
  ['Qualification', { sortOrder: 2, isClosed: false, isWon: false }],
  ['Closed Won', { sortOrder: 9, isClosed: true, isWon: true }],
]);
const before: DealState = {
  id: '006000000000001AAA',
  name: 'Acme',
  accountId: '001000000000001AAA',
  ownerId: '005000000000001AAA',
  stageName: 'Qualification',
  amount: 1000,
  closeDate: '2031-01-10',
  isClosed: false,
  isWon: false,
  isDeleted: false,
  stampMs: 1,
};
const patch = (fields: Record<string, unknown>, deleted?: boolean): FoldedChange => ({
  kind: 'patch',
  fields,
  deleted,
  commitTimestamp: 2,
  commitNumber: 1,
});

describe('dealAfter', () => {
  it('lays a patch over the row before it', () => {
    expect(dealAfter(before.id, before, patch({ Amount: '2500.5', CloseDate: '2031-02-01' }), STAGES)).toEqual({
      ...before,
      amount: 2500.5,
      closeDate: '2031-02-01',
      stampMs: null,
    });
  });

  it('takes IsClosed/IsWon from the event, or from the new stage when the event leaves them out', () => {
    expect(dealAfter(before.id, before, patch({ StageName: 'Closed Won' }), STAGES)).toMatchObject({
      isClosed: true,
      isWon: true,
    });
    expect(
      dealAfter(before.id, before, patch({ StageName: 'Closed Won', IsWon: false, IsClosed: true }), STAGES),
    ).toMatchObject({ isClosed: true, isWon: false });
  });

  it('a whole record stands alone (fields it leaves out are null); a patch without a row cannot be known', () => {
    const full: FoldedChange = {
      kind: 'full',
      fields: { Name: 'New', StageName: 'Closed Won', OwnerId: before.ownerId },
      deleted: false,
      commitTimestamp: 2,
      commitNumber: 1,
    };
    expect(dealAfter(before.id, null, full, STAGES)).toMatchObject({
      name: 'New',
      amount: null,
      closeDate: null,
      isWon: true,
      accountId: null,
    });
    expect(dealAfter(before.id, null, patch({ StageName: 'Closed Won' }), STAGES)).toBeNull();
  });

  it('carries a delete', () => {
    expect(dealAfter(before.id, before, patch({}, true), STAGES)?.isDeleted).toBe(true);
  });
});

describe('mayFire', () => {
  it('looks only at changes of the stage, the close date or the closed/won flags, and whole records', () => {
    expect(mayFire(patch({ Amount: 5, NextStep: 'x' }))).toBe(false);
    expect(mayFire(patch({ CloseDate: '2031-01-01' }))).toBe(true);
    expect(mayFire(patch({ IsWon: true }))).toBe(true);
    expect(mayFire({ kind: 'full', fields: {}, deleted: false, commitTimestamp: 1, commitNumber: 1 })).toBe(true);
  });
});
