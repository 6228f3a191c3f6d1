import { DEBOUNCE_MS, watchChanges } from 'c/pulseChanges';
import { isEmpEnabled, subscribe, unsubscribe } from 'lightning/empApi';
import { changeEvent, flushPromises } from '@test/utils';

const CHANNEL = '/data/OpportunityChangeEvent';

describe('c-pulse-changes', () => {
  afterEach(() => {
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('calls onChange once, DEBOUNCE_MS after the last event of a burst', async () => {
    jest.useFakeTimers();
    const onChange = jest.fn();
    watchChanges(CHANNEL, { onChange, onError: jest.fn() });
    await flushPromises();
    const deliver = jest.mocked(subscribe).mock.calls[0][2];

    deliver(changeEvent(CHANNEL));
    jest.advanceTimersByTime(DEBOUNCE_MS - 1);
    deliver(changeEvent(CHANNEL));
    jest.advanceTimersByTime(DEBOUNCE_MS - 1);
    expect(onChange).not.toHaveBeenCalled();

    jest.advanceTimersByTime(1);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('does not call onChange after stop', async () => {
    jest.useFakeTimers();
    const onChange = jest.fn();
    const stop = watchChanges(CHANNEL, { onChange, onError: jest.fn() });
    await flushPromises();

    jest.mocked(subscribe).mock.calls[0][2](changeEvent(CHANNEL));
    stop();
    jest.advanceTimersByTime(DEBOUNCE_MS);

    expect(onChange).not.toHaveBeenCalled();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });

  it('unsubscribes when stopped before subscribe answered', async () => {
    const stop = watchChanges(CHANNEL, { onChange: jest.fn(), onError: jest.fn() });
    stop();
    await flushPromises();

    expect(unsubscribe).toHaveBeenCalledWith(await jest.mocked(subscribe).mock.results[0].value);
  });

  it('reports, and does not subscribe, where streaming is unavailable', async () => {
    jest.mocked(isEmpEnabled).mockResolvedValueOnce(false);
    const onError = jest.fn();
    watchChanges(CHANNEL, { onChange: jest.fn(), onError });
    await flushPromises();

    expect(subscribe).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledWith(expect.any(Error));
  });
});
