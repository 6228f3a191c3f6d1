import type { INestApplication } from '@nestjs/common';
import helmet from 'helmet';
import type { PulseConfig } from '../config/pulse-config';

/** Headers browsers may read from a cross-origin answer: revalidation and back-off need them. */
const EXPOSED_HEADERS = ['ETag', 'Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];

/**
 * Security headers on every answer (helmet's defaults: a strict Content-Security-Policy that the
 * /docs page satisfies, HSTS, nosniff, no framing, no referrer), and CORS closed unless origins are
 * configured: in an org the Apex proxy calls us server to server, and the local preview proxies
 * too, so no browser needs to call the API from another origin.
 */
export function applySecurity(app: INestApplication, config: PulseConfig): void {
  const cors = config.corsOrigins.length > 0;
  app.use(
    helmet({
      // Not upgrade-insecure-requests: /docs must also load over plain HTTP on a developer's network.
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
      crossOriginResourcePolicy: { policy: cors ? 'cross-origin' : 'same-origin' },
    }),
  );
  if (!cors) return;
  app.enableCors({
    origin: config.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-None-Match'],
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
}
