import { Module } from '@nestjs/common';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import type { AuthenticatedRequest } from '../../auth/user-token.guard';
import { PulseConfig } from '../../config/pulse-config';

/** Probes and scrapes: the load balancer and Prometheus call them on their own schedule. */
const UNLIMITED_PATHS = new Set(['/health', '/metrics']);

/**
 * One budget per user across every route (a dashboard's widgets share it), counted after the
 * user's token is verified; routes without a user count per address. Sliding window: a client
 * over the limit waits only until its oldest request in the window is a minute old.
 */
/** Whose budget a request counts against: the verified user's, or the address's without one. */
export function rateLimitTracker({ viewer, ip }: Pick<AuthenticatedRequest, 'viewer' | 'ip'>): string {
  return viewer ? `user:${viewer.userId}` : `ip:${ip ?? 'unknown'}`;
}

export function rateLimitOptions(config: PulseConfig): ThrottlerModuleOptions {
  return {
    throttlers: [{ name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute, blockDuration: 0 }],
    skipIf: (context) => UNLIMITED_PATHS.has(context.switchToHttp().getRequest<Request>().path),
    getTracker: (req) => rateLimitTracker(req as AuthenticatedRequest),
    generateKey: (_context, tracker, name) => `${name}:${tracker}`,
    errorMessage: (_context, { limit, timeToBlockExpire }) =>
      `Too many requests: at most ${limit} a minute per user. Try again in ${timeToBlockExpire} s.`,
  };
}

@Module({
  imports: [ThrottlerModule.forRootAsync({ inject: [PulseConfig], useFactory: rateLimitOptions })],
  exports: [ThrottlerModule],
})
export class RateLimitModule {}
