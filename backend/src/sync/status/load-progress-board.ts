import { Injectable } from '@nestjs/common';
import type { LoadProgress } from '../load/object-loader';

/**
 * The loads running in this process, as the loader last reported them (records, records/s, ETA),
 * for the status API. The coordinator passes `onProgress: (p) => board.record(p)` to each load.
 */
@Injectable()
export class LoadProgressBoard {
  private readonly loads = new Map<string, LoadProgress & { at: number }>();

  record(progress: LoadProgress): void {
    this.loads.set(progress.sobject, { ...progress, at: Date.now() });
  }

  /** The load ended (done or failed): its progress no longer describes anything running. */
  clear(sobject: string): void {
    this.loads.delete(sobject);
  }

  of(sobject: string): (LoadProgress & { at: number }) | undefined {
    return this.loads.get(sobject);
  }
}
