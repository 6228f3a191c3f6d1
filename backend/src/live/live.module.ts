import { Module } from '@nestjs/common';
import { SyncModule } from '../sync/sync.module';
import { LiveController } from './live.controller';

@Module({ imports: [SyncModule], controllers: [LiveController] })
export class LiveModule {}
