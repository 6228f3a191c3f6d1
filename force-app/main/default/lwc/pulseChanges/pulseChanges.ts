// Live updates: Change Data Capture events through lightning/empApi, debounced so that a burst of
// events (a bulk update publishes many within milliseconds) causes one refetch.
import { isEmpEnabled, onError, subscribe, unsubscribe } from 'lightning/empApi';
import type { EmpSubscription } from 'lightning/empApi';

export const OPPORTUNITY_CHANNEL = '/data/OpportunityChangeEvent';
export const DEBOUNCE_MS = 300;

export interface ChangeHandlers {
  /** Called once per burst of events, DEBOUNCE_MS after the last one. */
  onChange: () => void;
  /** Called when the streaming connection fails: the data on screen may go stale. */
  onError: (error: unknown) => void;
}

// Nobody listens any more once unsubscribing: a failure there changes nothing.
const ignore = () => undefined;

/** Watches a change event channel until the returned stop function is called. */
export function watchChanges(channel: string, handlers: ChangeHandlers): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let subscription: EmpSubscription | undefined;
  let stopped = false;

  const onMessage = () => {
    clearTimeout(timer);
    // A debounce is what the timer is for; it is cleared on stop.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    timer = setTimeout(handlers.onChange, DEBOUNCE_MS);
  };

  const start = async () => {
    // isEmpEnabled is missing from older containers; where it exists, it says whether
    // streaming works here at all (it does not in some Experience Cloud sites).
    if (typeof isEmpEnabled === 'function' && !(await isEmpEnabled())) {
      handlers.onError(new Error('Streaming is not available in this context.'));
      return;
    }
    onError(handlers.onError);
    const created = await subscribe(channel, -1, onMessage);
    // The component may have gone while subscribe was pending.
    if (stopped) unsubscribe(created).catch(ignore);
    else subscription = created;
  };
  start().catch(handlers.onError);

  return () => {
    stopped = true;
    clearTimeout(timer);
    if (subscription) unsubscribe(subscription).catch(ignore);
  };
}
