import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { Counter } from 'prom-client';
import { PulseConfig } from '../../config/pulse-config';
import { SyncMetrics } from '../../sync/status/sync-metrics';

interface Entry {
  version: string;
  /** The answer as sent: serialised once, on the miss. */
  json: string;
}

/** shared: a miss that waited for the same answer another request was computing. */
export type CacheOutcome = 'hit' | 'miss' | 'shared' | 'not_modified';

/**
 * Answers by key, each valid only at the mirror version it was computed at. Bounded by memory
 * (the JSON's length), least recently used first out; a new version empties it, since no entry of
 * an older one can be served again.
 */
@Injectable()
export class ResponseCache {
  private readonly entries?: LRUCache<string, Entry>;
  private version?: string;
  readonly requests: Counter<'result'>;

  constructor(config: PulseConfig, metrics: SyncMetrics) {
    if (config.responseCacheBytes > 0)
      this.entries = new LRUCache<string, Entry>({
        maxSize: config.responseCacheBytes,
        // UTF-16 length approximates bytes; the key is held too.
        sizeCalculation: (entry, key) => entry.json.length + key.length + 64,
      });
    this.requests = new Counter({
      name: 'pulse_response_cache_requests_total',
      help: 'Cacheable API requests, by how they were answered (hit, miss, shared, not_modified)',
      labelNames: ['result'],
      registers: [metrics.registry],
    });
  }

  get enabled(): boolean {
    return this.entries !== undefined;
  }

  get(key: string, version: string): string | undefined {
    this.advance(version);
    const entry = this.entries?.get(key);
    return entry?.version === version ? entry.json : undefined;
  }

  set(key: string, version: string, json: string): void {
    this.advance(version);
    // An answer computed at an older version than the newest seen is already stale.
    if (version === this.version) this.entries?.set(key, { version, json });
  }

  count(outcome: CacheOutcome): void {
    this.requests.inc({ result: outcome });
  }

  /** Versions only grow: on a newer one every entry is stale. */
  private advance(version: string): void {
    if (this.version !== undefined && BigInt(version) <= BigInt(this.version)) return;
    this.version = version;
    this.entries?.clear();
  }
}
