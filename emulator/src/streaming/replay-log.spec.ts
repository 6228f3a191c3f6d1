import { REPLAY_ALL, REPLAY_NEW, ReplayLog } from './replay-log.ts';
import { changeEvent } from './test-harness.ts';

describe('ReplayLog', () => {
  let now = 0;
  const append = (log: ReplayLog, entityName = 'Opportunity') =>
    log.append({ entityName, schema: 's', payload: changeEvent(entityName, '006000000000001AAA') }).replayId;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('numbers events from 1 on one counter and replays from -1, -2 or a retained id', () => {
    const log = new ReplayLog({ retentionMs: 1_000, clock: () => now });
    const ids = [append(log), append(log, 'Account'), append(log)];

    expect(ids).toEqual([1, 2, 3]);
    expect(log.replayFrom(REPLAY_NEW)).toEqual([]);
    expect(log.replayFrom(REPLAY_ALL)?.map((e) => e.replayId)).toEqual([1, 2, 3]);
    expect(log.replayFrom(1)?.map((e) => e.replayId)).toEqual([2, 3]);
    expect(log.replayFrom(3)).toEqual([]);
    expect(log.replayFrom(4)).toBeNull();
  });

  it('forgets events older than the retention window, by the injected clock', () => {
    const log = new ReplayLog({ retentionMs: 1_000, clock: () => now });
    append(log);
    now += 600;
    append(log);
    now += 600;

    expect(log.replayIds).toEqual([2]);
    expect(log.replayFrom(1)).toBeNull();
    expect(log.replayFrom(2)).toEqual([]);
  });

  it('keeps at most maxEvents, and expireThrough drops ids up to the given one', () => {
    const log = new ReplayLog({ retentionMs: 1_000, maxEvents: 3, clock: () => now });
    for (let i = 0; i < 5; i++) append(log);
    expect(log.replayIds).toEqual([3, 4, 5]);

    log.expireThrough(4);
    expect(log.replayIds).toEqual([5]);
    expect(log.replayFrom(4)).toBeNull();
  });
});
