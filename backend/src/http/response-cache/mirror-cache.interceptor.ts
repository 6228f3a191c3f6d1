import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { lastValueFrom, of, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../../auth/user-token.guard';
import { cacheKey, etagOf, matchesETag } from './cache-key';
import { CACHED_BY_MIRROR } from './cached-by-mirror.decorator';
import { MirrorVersion } from './mirror-version.service';
import { ResponseCache } from './response-cache.service';

/**
 * Serves @CachedByMirror() routes: a matching If-None-Match gets 304, a cached answer at the
 * current mirror version is sent as stored, anything else is computed and stored. Guards have run
 * by now, so the viewer is known; errors pass through uncached.
 */
@Injectable()
export class MirrorCacheInterceptor implements NestInterceptor {
  /**
   * Answers being computed, by version and key. When a change empties the cache, the requests
   * that arrive together for the same answer wait for one computation instead of each running
   * the query (which, slower than the changes arrive, would never let the cache catch up).
   */
  private readonly inflight = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly version: MirrorVersion,
    private readonly cache: ResponseCache,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const marked = this.reflector.getAllAndOverride<boolean>(CACHED_BY_MIRROR, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!marked || !this.cache.enabled || !request.viewer || request.method !== 'GET') return next.handle();
    const response = context.switchToHttp().getResponse<Response>();

    const version = await this.version.current();
    const query = request.originalUrl.includes('?') ? request.originalUrl.slice(request.originalUrl.indexOf('?')) : '';
    const key = cacheKey(request.path, query, request.viewer, new Date().toISOString().slice(0, 10));
    const etag = etagOf(version, key);
    const headers = (outcome: string) => {
      response.setHeader('ETag', etag);
      // Per user, and to be revalidated on every use: the ETag makes that cheap.
      response.setHeader('Cache-Control', 'private, no-cache');
      response.setHeader('Vary', 'Authorization');
      response.setHeader('X-Pulse-Cache', outcome);
    };

    if (matchesETag(request.headers['if-none-match'], etag)) {
      this.cache.count('not_modified');
      headers('not-modified');
      // Express turns this empty answer into 304 when the request is fresh against the ETag set.
      // It counts "Cache-Control: no-cache" as not fresh, a directive meant for caches; fetch()
      // adds it to every conditional request, and an origin revalidating is exactly what it asks for.
      delete request.headers['cache-control'];
      return of(undefined);
    }
    const cached = this.cache.get(key, version);
    if (cached !== undefined) {
      this.cache.count('hit');
      headers('hit');
      response.type('application/json');
      return of(cached);
    }
    const flightKey = `${version}\n${key}`;
    let flight = this.inflight.get(flightKey);
    this.cache.count(flight ? 'shared' : 'miss');
    if (!flight) {
      flight = lastValueFrom(next.handle(), { defaultValue: undefined }).then((body: unknown) => {
        if (body === undefined || body === null) return undefined;
        const json = JSON.stringify(body);
        this.cache.set(key, version, json);
        return json;
      });
      this.inflight.set(flightKey, flight);
      const done = () => void this.inflight.delete(flightKey);
      flight.then(done, done);
    }
    const json = await flight;
    if (json === undefined) return of(undefined);
    headers('miss');
    response.type('application/json');
    return of(json);
  }
}
