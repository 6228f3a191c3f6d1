// The words of a deal alert: it names the record, says what changed (old -> new), and the outbox
// row links to it in Salesforce.
import type { DealState } from './deal-state';
import type { DealTransition } from './deal-transitions';

export function money(amount: number | null, currency: string): string {
  if (amount === null) return 'no amount';
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
}

const HEADLINE: Record<DealTransition['kind'], string> = {
  deal_won: 'Deal won',
  deal_lost: 'Deal lost',
  stage_moved_backwards: 'Stage moved backwards',
  close_date_pushed_out: 'Close date pushed out',
};

export interface DealMessage {
  title: string;
  body: string;
}

export function dealMessage(
  t: DealTransition,
  deal: DealState,
  names: { account: string | null; owner: string | null },
  currency: string,
): DealMessage {
  const name = deal.name ?? deal.id;
  const what = `${name}${names.account ? ` (${names.account})` : ''}`;
  const change =
    t.kind === 'close_date_pushed_out'
      ? `Close date ${t.from} -> ${t.to}: out of ${t.fromPeriod} into ${t.toPeriod}.`
      : `Stage ${t.from ?? '(new deal)'} -> ${t.to}.`;
  const facts = [
    `Amount ${money(deal.amount, currency)}`,
    t.kind === 'close_date_pushed_out' ? null : `close date ${deal.closeDate ?? 'not set'}`,
    `owner ${names.owner ?? deal.ownerId ?? 'unknown'}`,
  ].filter(Boolean);
  return {
    title: `${HEADLINE[t.kind]}: ${name}${t.kind === 'deal_won' || t.kind === 'deal_lost' ? ` (${money(deal.amount, currency)})` : ''}`,
    body: `${what}: ${change} ${facts.join(', ')}.`,
  };
}
