import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SalesforceModule } from '../salesforce/salesforce.module';
import { ChangeApplier } from './change-applier.service';
import { SyncChannel } from './entities/sync-channel.entity';
import { MirrorEvents } from './mirror-events.service';
import { OpportunityLoader } from './opportunity-loader.service';
import { SyncService } from './sync.service';

@Module({
  imports: [SalesforceModule, TypeOrmModule.forFeature([SyncChannel])],
  providers: [SyncService, OpportunityLoader, ChangeApplier, MirrorEvents],
  exports: [SyncService, MirrorEvents],
})
export class SyncModule {}
