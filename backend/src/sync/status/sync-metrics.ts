// The sync's Prometheus metrics, in one registry the /metrics endpoint serves.
import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

@Injectable()
export class SyncMetrics {
  readonly registry = new Registry();
  /** Commit time (epoch ms) of the last change applied; the lag gauge is computed from it at scrape. */
  private lastCommitMs?: number;

  readonly eventsApplied = new Counter({
    name: 'pulse_sync_events_applied_total',
    help: 'Change events applied to the mirror',
    labelNames: ['sobject', 'change_type'],
    registers: [this.registry],
  });
  readonly batchSize = new Histogram({
    name: 'pulse_sync_batch_events',
    help: 'Change events applied per database transaction',
    buckets: [1, 2, 5, 10, 50, 100, 500, 1000, 5000],
    registers: [this.registry],
  });
  readonly lagSeconds = new Gauge({
    name: 'pulse_sync_lag_seconds',
    help: 'Now minus the commit time of the last change applied',
    registers: [this.registry],
    // "Now minus": evaluated at each scrape, so an idle or stuck stream shows a growing lag.
    collect: () => {
      if (this.lastCommitMs !== undefined) this.lagSeconds.set(Math.max(0, (Date.now() - this.lastCommitMs) / 1000));
    },
  });
  readonly recordsLoaded = new Counter({
    name: 'pulse_sync_records_loaded_total',
    help: 'Records written by loads, re-fetches, polling and reconciliation',
    labelNames: ['sobject', 'source'],
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'pulse_sync_errors_total',
    help: 'Sync errors, by kind',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly lastPoll = new Gauge({
    name: 'pulse_sync_last_poll_timestamp_seconds',
    help: 'When each polled object was last polled successfully (Unix time)',
    labelNames: ['sobject'],
    registers: [this.registry],
  });
  readonly polls = new Counter({
    name: 'pulse_sync_polls_total',
    help: 'Polls of objects not streamed, by outcome',
    labelNames: ['sobject', 'outcome'],
    registers: [this.registry],
  });
  readonly reconciliations = new Counter({
    name: 'pulse_sync_reconciliations_total',
    help: 'Reconciliation runs per object, by outcome (consistent, repaired, failed)',
    labelNames: ['sobject', 'outcome'],
    registers: [this.registry],
  });
  readonly repaired = new Counter({
    name: 'pulse_sync_reconciliation_repaired_total',
    help: 'Rows reconciliation found drifted and repaired, by kind (changed, missing, hard_deleted)',
    labelNames: ['sobject', 'kind'],
    registers: [this.registry],
  });
  readonly lastReconciliation = new Gauge({
    name: 'pulse_sync_last_reconciliation_timestamp_seconds',
    help: 'When each object was last reconciled successfully (Unix time)',
    labelNames: ['sobject'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'pulse_' });
  }

  /** Records that a change committed at `commitTimestamp` is now in the mirror (feeds the lag gauge). */
  markApplied(commitTimestamp: Date | number): void {
    const ms = typeof commitTimestamp === 'number' ? commitTimestamp : commitTimestamp.getTime();
    if (this.lastCommitMs === undefined || ms > this.lastCommitMs) this.lastCommitMs = ms;
  }
}
