// Groups change events into the Salesforce transactions they belong to. Events arrive in commit
// order and a transaction's events are contiguous (transactionKey, numbered by sequenceNumber, with
// holes where the transaction touched objects not selected for CDC), so a transaction is complete
// when an event of another transaction arrives, or when nothing has arrived for a short grace
// period (Salesforce sends no end marker).
import type { ChangeEvent } from './change-event';

export interface SalesforceTransaction<E extends ChangeEvent = ChangeEvent> {
  transactionKey: string;
  /** In sequenceNumber order. */
  events: E[];
}

const bySequence = (a: ChangeEvent, b: ChangeEvent) => a.header.sequenceNumber - b.header.sequenceNumber;

/** Splits events already in hand (read back from the buffer) into their transactions, in order. */
export function groupTransactions<E extends ChangeEvent>(events: readonly E[]): SalesforceTransaction<E>[] {
  const transactions: SalesforceTransaction<E>[] = [];
  let open: SalesforceTransaction<E> | undefined;
  for (const event of events) {
    const key = event.header.transactionKey;
    if (!open || !key || key !== open.transactionKey) transactions.push((open = { transactionKey: key, events: [] }));
    open.events.push(event);
    if (!key) open = undefined;
  }
  for (const t of transactions) t.events.sort(bySequence);
  return transactions;
}

export class TransactionAssembler<E extends ChangeEvent = ChangeEvent> {
  private open?: SalesforceTransaction<E>;
  private lastArrival = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly onTransaction: (transaction: SalesforceTransaction<E>) => void,
    /** How long an open transaction waits for more of its events. */
    private readonly graceMs: number,
  ) {}

  add(event: E): void {
    const key = event.header.transactionKey;
    // Gap events and events without a key stand alone.
    if (this.open && (!key || key !== this.open.transactionKey)) this.flush();
    if (!this.open) this.open = { transactionKey: key, events: [] };
    this.open.events.push(event);
    this.lastArrival = performance.now();
    if (!key) this.flush();
    else this.timer ??= setTimeout(() => this.expire(), this.graceMs);
  }

  /** Closes the open transaction now (end of the input, or the stream is stopping). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const transaction = this.open;
    this.open = undefined;
    if (!transaction) return;
    transaction.events.sort(bySequence); // already in order as a rule: a stable sort then costs one pass
    this.onTransaction(transaction);
  }

  /** Drops the open transaction without delivering it (the stream it came from was abandoned). */
  discard(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.open = undefined;
  }

  private expire(): void {
    this.timer = undefined;
    const waited = performance.now() - this.lastArrival;
    if (waited >= this.graceMs) this.flush();
    else this.timer = setTimeout(() => this.expire(), this.graceMs - waited);
  }
}
