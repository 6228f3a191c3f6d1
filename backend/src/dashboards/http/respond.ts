import type { Response } from 'express';
import type { DashboardDto } from '../dto/dashboard.dto';
import { ifNoneMatchNames } from './etags';

/**
 * Sends a dashboard with its ETag. A GET whose If-None-Match names it gets 304 and no body;
 * `private, no-cache` lets the browser keep a copy but makes it ask each time (layouts are per user).
 */
export function withEtag(response: Response, dashboard: DashboardDto, ifNoneMatch?: string): DashboardDto | undefined {
  response.setHeader('ETag', dashboard.etag);
  response.setHeader('Cache-Control', 'private, no-cache');
  if (ifNoneMatch !== undefined && ifNoneMatchNames(ifNoneMatch, dashboard.etag)) {
    response.status(304);
    return undefined;
  }
  return dashboard;
}
