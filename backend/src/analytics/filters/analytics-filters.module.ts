import { Global, Module } from '@nestjs/common';
import { AnalyticsFiltersService } from './analytics-filters.service';

/** The filters every analytics and forecast endpoint shares. */
@Global()
@Module({ providers: [AnalyticsFiltersService], exports: [AnalyticsFiltersService] })
export class AnalyticsFiltersModule {}
