import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'pulse:isPublic';

/** Marks a route that needs no user token (health checks). Everything else is authenticated. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
