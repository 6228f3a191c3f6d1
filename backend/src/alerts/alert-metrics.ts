import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { SyncMetrics } from '../sync/status/sync-metrics';

/** Alerts' Prometheus metrics, served by /metrics with the sync's. */
@Injectable()
export class AlertMetrics {
  readonly written: Counter<'rule_kind'>;
  readonly evaluationErrors: Counter<'source'>;

  constructor(sync: SyncMetrics) {
    this.written = new Counter({
      name: 'pulse_alerts_written_total',
      help: 'Alerts written to the outbox, by rule',
      labelNames: ['rule_kind'],
      registers: [sync.registry],
    });
    this.evaluationErrors = new Counter({
      name: 'pulse_alerts_evaluation_errors_total',
      help: 'Rule evaluations that failed (their alerts were not written), by source (stream, schedule)',
      labelNames: ['source'],
      registers: [sync.registry],
    });
  }

  count(kinds: readonly string[]): void {
    for (const kind of kinds) this.written.inc({ rule_kind: kind });
  }
}
