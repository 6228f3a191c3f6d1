import { timingSafeEqual } from 'node:crypto';
import { Controller, ForbiddenException, Get, Header, Req, UnauthorizedException } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../auth/public.decorator';
import { PulseConfig } from '../../config/pulse-config';
import { SyncMetrics } from './sync-metrics';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * Prometheus scrapes this, not a user: it carries no user token. With PULSE_METRICS_TOKEN set it
 * takes that bearer token; without, it answers only on the loopback interface (a sidecar collector,
 * a developer's machine), since metrics describe the org's activity and should not be public.
 */
@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  private readonly token?: Buffer;

  constructor(
    private readonly metrics: SyncMetrics,
    config: PulseConfig,
  ) {
    this.token = config.metrics.token ? Buffer.from(config.metrics.token) : undefined;
  }

  @Get()
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format).' })
  @ApiBearerAuth()
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'pulse_sync_events_applied_total, pulse_sync_lag_seconds, ... in Prometheus text format.',
  })
  @ApiUnauthorizedResponse({ description: 'PULSE_METRICS_TOKEN is set and the request lacks it.' })
  @ApiForbiddenResponse({
    description: 'PULSE_METRICS_TOKEN is unset and the request is not from the loopback interface.',
  })
  async scrape(@Req() request: Request): Promise<string> {
    this.authorize(request);
    request.res?.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }

  private authorize(request: Request): void {
    if (!this.token) {
      if (LOOPBACK.test(request.socket.remoteAddress ?? '')) return;
      throw new ForbiddenException(
        'Metrics are served on the loopback interface only unless PULSE_METRICS_TOKEN is set',
      );
    }
    const given = Buffer.from(/^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '');
    if (given.length !== this.token.length || !timingSafeEqual(given, this.token))
      throw new UnauthorizedException('The metrics token is missing or wrong');
  }
}
