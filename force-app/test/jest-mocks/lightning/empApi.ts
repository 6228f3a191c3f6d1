// empApi with streaming available; tests deliver events through subscribe's recorded callback.
import type { EmpMessage, EmpSubscription } from 'lightning/empApi';

export const isEmpEnabled = jest.fn(() => Promise.resolve(true));
export const onError = jest.fn();
export const setDebugFlag = jest.fn(() => Promise.resolve());
export const subscribe = jest.fn(
  (channel: string, replayId: number, _onMessage: (message: EmpMessage) => void): Promise<EmpSubscription> =>
    Promise.resolve({ channel, id: `${channel}#1`, replayId }),
);
export const unsubscribe = jest.fn(() => Promise.resolve(true));
