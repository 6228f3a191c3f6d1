import { effectiveObjects } from '../../mirror/mirror-config';
import type { ChangeEvent, ChangeEventHeader } from './change-event';
import { ChangeFolder } from './change-fold';
import { groupTransactions } from './transaction-assembler';

const objects = effectiveObjects({ Account: { extraFields: ['Website'] } });
const folder = new ChangeFolder(objects.filter((o) => o.changeEvents));
let replayId = 100;

function event(
  entityName: string,
  changeType: ChangeEventHeader['changeType'],
  recordIds: string[],
  fields: Record<string, unknown> = {},
  header: Partial<ChangeEventHeader> = {},
): ChangeEvent {
  return {
    replayId: ++replayId,
    fields,
    header: {
      entityName,
      recordIds,
      changeType,
      transactionKey: `tx${replayId}`,
      sequenceNumber: 1,
      commitTimestamp: 1_795_500_000_000 + replayId,
      commitNumber: replayId,
      commitUser: '005000000000001AAA',
      changedFields: [],
      nulledFields: [],
      ...header,
    },
  };
}

const A1 = '001000000000001AAA';
const A2 = '001000000000002AAA';
const O1 = '006000000000001AAA';

describe('ChangeFolder', () => {
  it('folds a create and later updates of one record into one whole record', () => {
    const batch = folder.fold([
      event('Account', 'CREATE', [A1], { Name: 'Acme', BillingAddress: { City: 'Lyon', Country: 'FR' } }),
      event('Account', 'UPDATE', [A1], { Industry: 'Energy' }, { nulledFields: ['BillingAddress.Country'] }),
      event('Account', 'UPDATE', [A1], { Name: 'Acme SA', Website: 'acme.fr' }),
    ]);
    const change = batch.objects.get('Account')!.records.get(A1)!;
    expect(change).toMatchObject({
      kind: 'full',
      deleted: false,
      fields: { Name: 'Acme SA', BillingCity: 'Lyon', BillingCountry: null, Industry: 'Energy', Website: 'acme.fr' },
    });
    expect(change.commitNumber).toBe(replayId);
    expect(batch.events).toBe(3);
    expect(batch.lastReplayId).toBe(replayId);
  });

  it('keeps the latest value of each field of several updates, and nulled ones as null', () => {
    const batch = folder.fold([
      event('Account', 'UPDATE', [A1, A2], { Industry: 'Retail', AnnualRevenue: 5 }),
      event('Account', 'UPDATE', [A2], { Industry: 'Banking' }, { nulledFields: ['AnnualRevenue'] }),
    ]);
    const records = batch.objects.get('Account')!.records;
    expect(records.get(A1)).toMatchObject({ kind: 'patch', fields: { Industry: 'Retail', AnnualRevenue: 5 } });
    expect(records.get(A2)).toMatchObject({ kind: 'patch', fields: { Industry: 'Banking', AnnualRevenue: null } });
    expect(records.get(A2)!.deleted).toBeUndefined();
  });

  it('marks deletes on either kind and lets an undelete bring back a whole record', () => {
    const batch = folder.fold([
      event('Opportunity', 'UPDATE', [O1], { Amount: 10 }),
      event('Opportunity', 'DELETE', [O1]),
      event('Account', 'CREATE', [A1], { Name: 'Short-lived' }),
      event('Account', 'DELETE', [A1]),
      event('Account', 'DELETE', [A2]),
      event('Account', 'UNDELETE', [A2], { Name: 'Back' }),
    ]);
    expect(batch.objects.get('Opportunity')!.records.get(O1)).toMatchObject({
      kind: 'patch',
      deleted: true,
      fields: { Amount: 10 },
    });
    const accounts = batch.objects.get('Account')!.records;
    expect(accounts.get(A1)).toMatchObject({ kind: 'full', deleted: true, fields: { Name: 'Short-lived' } });
    expect(accounts.get(A2)).toMatchObject({ kind: 'full', deleted: false, fields: { Name: 'Back' } });
  });

  it('never lets an older change overwrite a newer one of the same batch', () => {
    const newer = event('Account', 'UPDATE', [A1], { Name: 'newer' }, { commitTimestamp: 2_000, commitNumber: 9 });
    const older = event('Account', 'UPDATE', [A1], { Name: 'older' }, { commitTimestamp: 1_000, commitNumber: 8 });
    const sameMsEarlier = event(
      'Account',
      'UPDATE',
      [A1],
      { Name: 'same ms' },
      { commitTimestamp: 2_000, commitNumber: 7 },
    );
    const batch = folder.fold([newer, older, sameMsEarlier]);
    expect(batch.objects.get('Account')!.records.get(A1)!.fields).toEqual({ Name: 'newer' });
  });

  it('turns gap events into re-reads and overflow into a resync, applying nothing', () => {
    const batch = folder.fold([
      event('Account', 'GAP_UPDATE', [A1, A2]),
      event('Opportunity', 'GAP_OVERFLOW', ['000000000000000AAA']),
    ]);
    expect(batch.objects.get('Account')!.records.size).toBe(0);
    expect([...batch.objects.get('Account')!.refetch]).toEqual([
      [A1, 'GAP_UPDATE'],
      [A2, 'GAP_UPDATE'],
    ]);
    expect([...batch.resync.keys()]).toEqual(['Opportunity']);
  });

  it('re-reads a record whose derived compound (User.Name) only arrives as parts', () => {
    const user = '005000000000009AAA';
    const batch = folder.fold([event('User', 'UPDATE', [user], { Name: { FirstName: 'Ana' } })]);
    const users = batch.objects.get('User')!;
    expect(users.records.get(user)!.fields).toEqual({ FirstName: 'Ana' });
    expect(users.refetch.get(user)).toBe('UPDATE of Name');
  });

  it('counts but skips events of objects not streamed', () => {
    const batch = folder.fold([
      event('UserRole', 'UPDATE', ['00E000000000001AAA'], { Name: 'x' }),
      event('Pricebook2', 'CREATE', ['01s000000000001AAA'], { Name: 'y' }),
    ]);
    expect(batch.objects.size).toBe(0);
    expect(batch.counts).toEqual(
      new Map([
        ['UserRole|UPDATE', 1],
        ['Pricebook2|CREATE', 1],
      ]),
    );
  });
});

describe('groupTransactions', () => {
  it('splits contiguous events by transactionKey and orders each by sequenceNumber', () => {
    const e = (key: string, seq: number) =>
      event('Account', 'UPDATE', [A1], {}, { transactionKey: key, sequenceNumber: seq });
    const groups = groupTransactions([e('a', 2), e('a', 1), e('b', 1), e('', 1), e('', 1), e('b', 3)]);
    expect(groups.map((g) => [g.transactionKey, g.events.map((x) => x.header.sequenceNumber)])).toEqual([
      ['a', [1, 2]],
      ['b', [1]],
      ['', [1]],
      ['', [1]],
      ['b', [3]],
    ]);
  });
});
