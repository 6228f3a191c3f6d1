import { Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';

export interface MirrorChange {
  /** Salesforce objects whose mirrored rows changed. */
  entities: string[];
  at: string;
}

/** Announces, after commit, that the mirror changed: live widgets refetch on it. */
@Injectable()
export class MirrorEvents {
  private readonly subject = new Subject<MirrorChange>();
  readonly changes: Observable<MirrorChange> = this.subject.asObservable();

  emit(entities: string[]): void {
    this.subject.next({ entities, at: new Date().toISOString() });
  }
}
