import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiHeader,
  ApiPayloadTooLargeResponse,
  ApiPreconditionFailedResponse,
} from '@nestjs/swagger';

/** If-Match, and what a conditional write answers when it no longer holds. */
export const ApiIfMatch = () =>
  applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description:
        'The ETag last read: the write happens only if nothing changed since. Without it, the last write wins.',
    }),
    ApiPreconditionFailedResponse({ description: 'If-Match (or If-None-Match) no longer holds: read again, reapply.' }),
  );

/** The answers a layout body can get besides success. */
export const ApiLayoutBody = () =>
  applyDecorators(
    ApiBadRequestResponse({
      description: 'The layout breaks a rule; each message names its path, such as widgets[2].size.columns.',
    }),
    ApiPayloadTooLargeResponse({ description: 'The body or the layout is larger than a dashboard may be.' }),
  );
