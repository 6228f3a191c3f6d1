/** Closed deals of one owner in one calendar month (by CloseDate). */
export interface OwnerMonth {
  ownerId: string;
  /** First day of the month, as a day number. */
  month: number;
  won: number;
  closed: number;
}

/** How strongly the org's rate pulls an owner with little history: worth this many closed deals. */
export const PRIOR_DEALS = 10;

/**
 * Each owner's win rate by count, as it stood at the start of a month: closed deals of earlier
 * months only, so a snapshot never sees its own month's outcomes. Smoothed toward the org's rate,
 * so a new rep starts at the average instead of at 0 or 1.
 */
export class OwnerRecord {
  private readonly byOwner = new Map<string, OwnerMonth[]>();
  private readonly org: OwnerMonth[];

  constructor(rows: readonly OwnerMonth[]) {
    const orgByMonth = new Map<number, OwnerMonth>();
    for (const row of [...rows].sort((a, b) => a.month - b.month)) {
      const list = this.byOwner.get(row.ownerId) ?? [];
      list.push(row);
      this.byOwner.set(row.ownerId, list);
      const org = orgByMonth.get(row.month) ?? { ownerId: '', month: row.month, won: 0, closed: 0 };
      org.won += row.won;
      org.closed += row.closed;
      orgByMonth.set(row.month, org);
    }
    this.org = [...orgByMonth.values()];
  }

  /** The org's win rate from months before `monthStart`. */
  orgRate(monthStart: number): number {
    const { won, closed } = totalBefore(this.org, monthStart);
    return (won + 1) / (closed + 2);
  }

  /** `ownerId`'s smoothed win rate from months before `monthStart`. */
  rate(ownerId: string, monthStart: number): number {
    const { won, closed } = totalBefore(this.byOwner.get(ownerId) ?? [], monthStart);
    return (won + PRIOR_DEALS * this.orgRate(monthStart)) / (closed + PRIOR_DEALS);
  }
}

function totalBefore(months: readonly OwnerMonth[], monthStart: number): { won: number; closed: number } {
  let won = 0;
  let closed = 0;
  for (const m of months) {
    if (m.month >= monthStart) break;
    won += m.won;
    closed += m.closed;
  }
  return { won, closed };
}

/** First day of the calendar month holding `day`. */
export function monthStart(day: number): number {
  const date = new Date(Math.floor(day) * 86_400_000);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / 86_400_000;
}
