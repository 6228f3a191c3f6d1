import { InvalidChangeEvent, parseChangeEvent } from './change-event';

const message = (header: Record<string, unknown>, fields: Record<string, unknown> = {}, replayId: unknown = 42) => ({
  schema: 'x',
  payload: { ChangeEventHeader: header, ...fields },
  event: { replayId },
});

const HEADER = {
  entityName: 'Opportunity',
  recordIds: ['006000000000001AAA'],
  changeType: 'UPDATE',
  transactionKey: 'tx',
  sequenceNumber: 1,
  commitTimestamp: 1_795_500_000_000,
  commitNumber: 7,
  commitUser: '005000000000001AAA',
  changedFields: ['Amount', 'LastModifiedDate'],
  nulledFields: [],
};

describe('parseChangeEvent', () => {
  it('separates the header from the changed values', () => {
    const event = parseChangeEvent(message(HEADER, { Amount: 10 }));
    expect(event).toEqual({
      replayId: 42,
      fields: { Amount: 10 },
      header: expect.objectContaining({ changeType: 'UPDATE', commitNumber: 7 }),
    });
  });

  it.each([
    ['no replayId', message(HEADER, {}, null), 'event.replayId is missing'],
    ['no header', { payload: {}, event: { replayId: 1 } }, 'has no ChangeEventHeader'],
    ['an unknown change type', message({ ...HEADER, changeType: 'MERGE' }), 'unknown changeType MERGE'],
    ['recordIds that are not a list', message({ ...HEADER, recordIds: '006' }), 'recordIds must be an array'],
    [
      'a textual commit time',
      message({ ...HEADER, commitTimestamp: '2026-11-24' }),
      'commitTimestamp must be epoch milliseconds',
    ],
  ])('refuses an event with %s', (_, input, reason) => {
    expect(() => parseChangeEvent(input)).toThrow(InvalidChangeEvent);
    expect(() => parseChangeEvent(input)).toThrow(reason);
  });
});
