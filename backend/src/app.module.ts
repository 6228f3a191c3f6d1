import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AccessModule } from './access/access.module';
import { AlertDeliveryModule } from './alerts/delivery/alert-delivery.module';
import { AlertsModule } from './alerts/alerts.module';
import { ActivityModule } from './activity/activity.module';
import { AnalyticsFiltersModule } from './analytics/filters/analytics-filters.module';
import { AuthModule } from './auth/auth.module';
import { ConfigModule } from './config/config.module';
import type { PulseConfig } from './config/pulse-config';
import { dataSourceOptions } from './database/data-source';
import type { DatabaseConnection } from './database/database';
import { DashboardsModule } from './dashboards/dashboards.module';
import { ForecastModule } from './forecast/forecast.module';
import { FunnelModule } from './funnel/funnel.module';
import { HealthModule } from './health/health.module';
import { KpisModule } from './kpis/kpis.module';
import { ResponseCacheModule } from './http/response-cache/response-cache.module';
import { LiveModule } from './live/live.module';
import { MovementModule } from './movement/movement.module';
import { OpportunitiesModule } from './opportunities/opportunities.module';
import { PipelineModule } from './pipeline/pipeline.module';
import { QuotaModule } from './quota/quota.module';
import { SyncModule } from './sync/sync.module';

@Module({})
export class AppModule {
  static forRoot(config: PulseConfig, database: Pick<DatabaseConnection, 'url' | 'ssl'>): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.log.level,
            // Tokens are credentials: never written to logs.
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            transport: config.log.pretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
            autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
          },
        }),
        TypeOrmModule.forRoot(dataSourceOptions(database.url, database.ssl)),
        AccessModule,
        AuthModule,
        ResponseCacheModule,
        AnalyticsFiltersModule,
        SyncModule,
        AlertDeliveryModule,
        AlertsModule,
        PipelineModule,
        KpisModule,
        OpportunitiesModule,
        DashboardsModule,
        FunnelModule,
        ForecastModule,
        MovementModule,
        ActivityModule,
        QuotaModule,
        LiveModule,
        HealthModule,
      ],
    };
  }
}
