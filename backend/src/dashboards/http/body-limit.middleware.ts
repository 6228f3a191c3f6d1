import { Injectable, PayloadTooLargeException, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MAX_LAYOUT_BYTES } from '../layout/widget-types';

/** Room for a full layout pretty-printed: twice the stored limit. */
export const MAX_BODY_BYTES = 2 * MAX_LAYOUT_BYTES;

/**
 * Dashboards take small documents: anything declaring more than MAX_BODY_BYTES is refused with
 * 413 before validation spends time on it (the app's JSON parser already caps bodies at 100 KB).
 */
@Injectable()
export class BodyLimitMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES)
      throw new PayloadTooLargeException(
        `The body is ${declared} bytes; dashboard requests may be at most ${MAX_BODY_BYTES}`,
      );
    next();
  }
}
