// What the rest of the sync needs from loading (implemented by BulkLoader in this folder).
import type { Connection } from 'jsforce';
import type { EffectiveObject } from '../../mirror/mirror-config';

export interface LoadProgress {
  sobject: string;
  loaded: number;
  /** Known once Salesforce has counted the result. */
  total?: number;
  recordsPerSecond: number;
  etaSeconds?: number;
  /** Result pages committed so far by this load (a resumed load goes on counting). */
  pages?: number;
  /** When this load (the first attempt, if it was resumed) started. */
  startedAt?: string;
}

export interface LoadResult {
  sobject: string;
  loaded: number;
  /** Rows the org no longer returns, marked deleted at the end of the load. */
  swept: number;
  seconds: number;
  /** Result pages committed (all attempts of this load). */
  pages?: number;
  /** Whether it carried on from a load a crash interrupted. */
  resumed?: boolean;
}

export interface ObjectLoader {
  /**
   * Loads every record of the object (deleted ones too: queryAll), resuming a load a crash
   * interrupted unless `fresh`; at the end marks rows the org no longer has as deleted.
   */
  load(
    conn: Connection,
    object: EffectiveObject,
    options?: { fresh?: boolean; onProgress?: (p: LoadProgress) => void },
  ): Promise<LoadResult>;
  /** Re-reads named records as Salesforce holds them now; ids Salesforce no longer has are marked deleted. */
  refetch(conn: Connection, object: EffectiveObject, ids: string[]): Promise<void>;
  /** Loads under way now, for the status API. */
  currentProgress(): LoadProgress[];
}

/** The Nest injection token of the ObjectLoader. */
export const OBJECT_LOADER = Symbol('ObjectLoader');
