import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { SyncModule } from '../../sync/sync.module';
import { MirrorCacheInterceptor } from './mirror-cache.interceptor';
import { MirrorVersion } from './mirror-version.service';
import { ResponseCache } from './response-cache.service';

/** Answers of @CachedByMirror() routes, kept until the mirror changes. */
@Global()
@Module({
  imports: [SyncModule],
  providers: [MirrorVersion, ResponseCache, { provide: APP_INTERCEPTOR, useClass: MirrorCacheInterceptor }],
  exports: [MirrorVersion, ResponseCache],
})
export class ResponseCacheModule {}
