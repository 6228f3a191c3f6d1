// Alert delivery in Prometheus terms, in the registry /metrics serves. A final failure counts in
// pulse_alert_deliveries_total{outcome="failed"}: the number to alarm on.
import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { SyncMetrics } from '../../sync/status/sync-metrics';

@Injectable()
export class DeliveryMetrics {
  /** Per outbox row: delivered, retrying (an attempt failed), failed (for good), deferred (quiet hours), digested. */
  readonly deliveries: Counter<'outcome'>;
  /** Per channel send: ok or error. */
  readonly sends: Counter<'channel' | 'outcome'>;
  /** Per digest: delivered, retrying, failed. */
  readonly digests: Counter<'outcome'>;

  constructor(metrics: SyncMetrics) {
    const registers = [metrics.registry];
    this.deliveries = new Counter({
      name: 'pulse_alert_deliveries_total',
      help: 'Alert outbox rows handled by the delivery worker, by outcome',
      labelNames: ['outcome'],
      registers,
    });
    this.sends = new Counter({
      name: 'pulse_alert_channel_sends_total',
      help: 'Alert sends per channel (email, salesforce), by outcome (ok, error)',
      labelNames: ['channel', 'outcome'],
      registers,
    });
    this.digests = new Counter({
      name: 'pulse_alert_digests_total',
      help: 'Daily digest e-mails, by outcome',
      labelNames: ['outcome'],
      registers,
    });
  }
}
