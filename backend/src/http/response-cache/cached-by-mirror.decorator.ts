import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';

export const CACHED_BY_MIRROR = 'pulse:cachedByMirror';

/**
 * For GET routes whose answer depends only on the mirror, the viewer and the query: answered from
 * cache until the mirror changes, with an ETag; a matching If-None-Match gets 304 without work.
 */
export const CachedByMirror = () =>
  applyDecorators(
    SetMetadata(CACHED_BY_MIRROR, true),
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      description: 'The ETag of an earlier answer: 304 if the mirror has not changed since.',
    }),
    ApiResponse({ status: 304, description: 'Not modified: the answer with the ETag sent is still current.' }),
  );
