// The leader-only schedule: runs never overlap, stop waits for a run in progress, a failing run
// does not end the schedule, and interval 0 means off.
import { Logger } from '@nestjs/common';
import { IntervalWork } from '../../src/sync/poll/interval-work';
import { eventually } from '../support/eventually';

const quiet = new Logger('test');
beforeAll(() => Logger.overrideLogger(false));

describe('IntervalWork', () => {
  it('runs again and again, one run at a time, and stop() waits for the run in progress', async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    let release!: () => void;
    const work = new IntervalWork(
      'test',
      1,
      async () => {
        running++;
        overlapped ||= running > 1;
        runs++;
        if (runs === 3) await new Promise<void>((resolve) => (release = resolve));
        running--;
      },
      quiet,
    );
    work.start();
    work.start(); // a second start changes nothing
    await eventually(() => expect(runs).toBe(3));
    let stopped = false;
    const stopping = work.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false); // the third run still holds
    release();
    await stopping;
    expect(work.active).toBe(false);
    expect(overlapped).toBe(false);
    expect(runs).toBe(3);
  });

  it('keeps going after a failed run', async () => {
    let runs = 0;
    const work = new IntervalWork(
      'test',
      1,
      async () => {
        runs++;
        if (runs === 1) throw new Error('the org is unreachable');
      },
      quiet,
    );
    work.start();
    await eventually(() => expect(runs).toBeGreaterThanOrEqual(2));
    await work.stop();
  });

  it('does nothing with interval 0 (turned off)', async () => {
    let runs = 0;
    const work = new IntervalWork('test', 0, async () => void runs++, quiet);
    work.start();
    expect(work.active).toBe(false);
    await work.stop();
    expect(runs).toBe(0);
  });
});
