import { stateAt, type DealRecord } from '../history/deal-timeline';
import type { DealOutlook, ForecastModel } from '../model/forecast-model';
import { monthStart, type OwnerRecord } from '../model/owner-record';
import type { ForecastWindow } from './forecast-windows';

/** Outlooks kept for this many different window sets (periods asked about) at once. */
const WINDOW_SETS = 8;

interface Entry {
  deal: DealRecord;
  outlook: DealOutlook;
}

/**
 * Scores are kept per deal and reused while the deal, the model, the day and the windows asked
 * about stay the same: a refresh replaces a changed deal with a new object, so only changed deals
 * (and every deal after a new model or at midnight) are scored again.
 */
export class OutlookCache {
  private readonly sets = new Map<string, { model: ForecastModel; entries: Map<string, Entry> }>();
  /** Deals scored (not taken from the cache) by the last call. */
  lastScored = 0;

  outlooks(
    deals: readonly DealRecord[],
    model: ForecastModel,
    owners: OwnerRecord,
    t: number,
    windows: readonly ForecastWindow[],
  ): Map<string, DealOutlook> {
    const key = `${t}|${windows.map((w) => `${w.offset}:${w.window.from}`).join(',')}`;
    let set = this.sets.get(key);
    if (!set || set.model !== model) {
      set = { model, entries: new Map() };
      this.sets.delete(key);
      this.sets.set(key, set);
      if (this.sets.size > WINDOW_SETS) this.sets.delete(this.sets.keys().next().value!);
    }
    const month = monthStart(t);
    const out = new Map<string, DealOutlook>();
    this.lastScored = 0;
    for (const deal of deals) {
      let entry = set.entries.get(deal.id);
      if (entry?.deal !== deal) {
        const state = stateAt(deal, t, model.features.stages);
        if (!state) continue;
        entry = { deal, outlook: model.outlook(state, deal, t, owners.rate(deal.ownerId, month), windows) };
        set.entries.set(deal.id, entry);
        this.lastScored++;
      }
      out.set(deal.id, entry.outlook);
    }
    return out;
  }
}
