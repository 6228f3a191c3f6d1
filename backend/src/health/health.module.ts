import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { SyncModule } from '../sync/sync.module';
import { HealthController } from './health.controller';

@Module({ imports: [TerminusModule, SyncModule], controllers: [HealthController] })
export class HealthModule {}
