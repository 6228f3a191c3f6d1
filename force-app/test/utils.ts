// Helpers shared by the LWC tests (import from '@test/utils').
import type { EmpMessage } from 'lightning/empApi';

// Captured before any test installs fake timers, so flushing still works under them.
const realSetTimeout = globalThis.setTimeout;

/** Lets pending promises and the re-renders they cause settle. */
export function flushPromises(): Promise<void> {
  return new Promise((resolve) => realSetTimeout(resolve, 0));
}

/** The jsdom document is shared by the tests of a file: empty it between them. */
export function resetDom(): void {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
}

/** A Change Data Capture event as lightning/empApi delivers it. */
export function changeEvent(channel: string, entityName = 'Opportunity'): EmpMessage {
  return {
    channel,
    data: { event: { replayId: -1 }, payload: { ChangeEventHeader: { entityName, changeType: 'UPDATE' } } },
  };
}
