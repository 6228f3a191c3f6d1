// Who may read /metrics: with PULSE_METRICS_TOKEN, only its bearer; without, only the loopback
// interface (the whole-app test covers the token over HTTP; these cover the addresses).
import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import type { PulseConfig } from '../../src/config/pulse-config';
import { MetricsController } from '../../src/sync/status/metrics.controller';
import { SyncMetrics } from '../../src/sync/status/sync-metrics';

const request = (remoteAddress: string, authorization?: string) =>
  ({ socket: { remoteAddress }, headers: authorization ? { authorization } : {} }) as unknown as Request;
const controller = (token?: string) =>
  new MetricsController(new SyncMetrics(), { metrics: { token } } as unknown as PulseConfig);

describe('MetricsController access', () => {
  it.each(['127.0.0.1', '::1', '::ffff:127.0.0.1'])(
    'without a token, serves the loopback address %s',
    async (address) => {
      const text = await controller().scrape(request(address));
      expect(text).toContain('# TYPE pulse_sync_events_applied_total counter');
    },
  );

  it.each(['10.0.1.23', '::ffff:192.168.1.5', '2001:db8::1'])('without a token, refuses %s (403)', async (address) => {
    await expect(controller().scrape(request(address))).rejects.toBeInstanceOf(ForbiddenException);
  });

  it('with a token, serves its bearer from anywhere and refuses everyone else (401), loopback included', async () => {
    const token = 'a-metrics-token-of-some-length';
    await expect(controller(token).scrape(request('10.0.1.23', `Bearer ${token}`))).resolves.toContain('pulse_');
    await expect(controller(token).scrape(request('127.0.0.1'))).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(controller(token).scrape(request('10.0.1.23', `Bearer ${token}x`))).rejects.toBeInstanceOf(
      UnauthorizedException,
    );
    await expect(controller(token).scrape(request('10.0.1.23', `Basic ${token}`))).rejects.toBeInstanceOf(
      UnauthorizedException,
    );
  });
});
