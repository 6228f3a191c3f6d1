import { Module } from '@nestjs/common';
import { FunnelController } from './funnel.controller';
import { FunnelService } from './funnel.service';

/** The stage conversion funnel, read from OpportunityHistory. */
@Module({ controllers: [FunnelController], providers: [FunnelService] })
export class FunnelModule {}
