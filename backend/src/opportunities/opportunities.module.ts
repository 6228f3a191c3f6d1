import { Module } from '@nestjs/common';
import { TopOpportunitiesController } from './top-opportunities.controller';
import { TopOpportunitiesService } from './top-opportunities.service';

@Module({ controllers: [TopOpportunitiesController], providers: [TopOpportunitiesService] })
export class OpportunitiesModule {}
