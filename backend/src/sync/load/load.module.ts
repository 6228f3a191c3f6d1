// The loader as Nest provides it. Register `objectLoaderProvider` in the module that provides
// SyncMetrics to have loads counted in Prometheus (without it the loader simply does not count).
import { Module, type Provider } from '@nestjs/common';
import { BulkLoader } from './bulk-loader.service';
import { OBJECT_LOADER } from './object-loader';

export const objectLoaderProvider: Provider = { provide: OBJECT_LOADER, useClass: BulkLoader };

@Module({ providers: [objectLoaderProvider], exports: [OBJECT_LOADER] })
export class LoadModule {}
