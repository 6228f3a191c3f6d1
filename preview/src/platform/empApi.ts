// lightning/empApi in the preview. The backend's Server-Sent Events stream (/api/events: an
// `event: change` with {"entities":["Opportunity"],"at":"..."} after each change reaches the
// mirror) stands in for CometD, delivered on the channels Change Data Capture would use.
import type { EmpMessage, EmpSubscription } from 'lightning/empApi';

type Listener = (message: EmpMessage) => void;

const listeners = new Map<EmpSubscription, Listener>();
const errorListeners: ((error: unknown) => void)[] = [];
let source: EventSource | undefined;
let nextId = 1;

/** Custom objects drop the c of __c: Thing__c publishes on /data/Thing__ChangeEvent. */
const channelOf = (entityName: string) => `/data/${entityName.replace(/__c$/, '__')}ChangeEvent`;

function deliver(entityName: string): void {
  const data = { payload: { ChangeEventHeader: { entityName, changeType: 'UPDATE' } }, event: { replayId: -1 } };
  for (const [subscription, listener] of listeners) {
    if (subscription.channel === '/data/ChangeEvents' || subscription.channel === channelOf(entityName)) {
      listener({ channel: subscription.channel, data });
    }
  }
}

function connect(): void {
  if (source) return;
  source = new EventSource('/api/events');
  source.addEventListener('change', (event) => {
    const { entities } = JSON.parse((event as MessageEvent<string>).data) as { entities: string[] };
    entities.forEach(deliver);
  });
  // EventSource reconnects by itself; only a stream it gave up on is an error worth reporting.
  source.addEventListener('error', (error) => {
    if (source?.readyState === EventSource.CLOSED) errorListeners.forEach((listener) => listener(error));
  });
}

export function subscribe(channel: string, replayId: number, onMessage: Listener): Promise<EmpSubscription> {
  const subscription = { channel, id: `${channel}#${nextId++}`, replayId };
  listeners.set(subscription, onMessage);
  connect();
  return Promise.resolve(subscription);
}

export function unsubscribe(subscription: EmpSubscription, callback?: (response: unknown) => void): Promise<unknown> {
  const removed = listeners.delete(subscription);
  if (listeners.size === 0) {
    source?.close();
    source = undefined;
  }
  callback?.({ successful: removed });
  return Promise.resolve({ successful: removed });
}

export function onError(callback: (error: unknown) => void): void {
  errorListeners.push(callback);
}

export function isEmpEnabled(): Promise<boolean> {
  return Promise.resolve(typeof EventSource === 'function');
}

export function setDebugFlag(): Promise<void> {
  return Promise.resolve();
}
