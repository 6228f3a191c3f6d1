import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';

export interface MirrorChange {
  /** Salesforce objects whose mirrored rows changed. */
  entities: string[];
  at: string;
}

/** At most one announcement per window; a burst of batches becomes one, naming every object. */
export const MIRROR_EVENTS_WINDOW_MS = 100;

/**
 * Announces, after commit, that the mirror changed: live widgets refetch on it. The first change
 * after a quiet spell goes out at once (freshness); changes within the window after it are
 * coalesced into one trailing announcement, so a burst of thousands of events cannot flood clients.
 */
@Injectable()
export class MirrorEvents implements OnModuleDestroy {
  private readonly subject = new Subject<MirrorChange>();
  readonly changes: Observable<MirrorChange> = this.subject.asObservable();
  private pending = new Set<string>();
  private lastSent = -Infinity;
  private timer?: NodeJS.Timeout;
  private readonly windowMs = MIRROR_EVENTS_WINDOW_MS;

  emit(entities: string[]): void {
    if (entities.length === 0) return;
    for (const e of entities) this.pending.add(e);
    if (this.timer) return;
    const wait = this.lastSent + this.windowMs - performance.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  onModuleDestroy(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flush(): void {
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const entities = [...this.pending].sort();
    this.pending = new Set();
    this.lastSent = performance.now();
    this.subject.next({ entities, at: new Date().toISOString() });
  }
}
