import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AccessModule } from './access/access.module';
import { AnalyticsFiltersModule } from './analytics/filters/analytics-filters.module';
import { AuthModule } from './auth/auth.module';
import { ConfigModule } from './config/config.module';
import type { PulseConfig } from './config/pulse-config';
import { dataSourceOptions } from './database/data-source';
import type { DatabaseConnection } from './database/database';
import { HealthModule } from './health/health.module';
import { LiveModule } from './live/live.module';
import { PipelineModule } from './pipeline/pipeline.module';
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
        AnalyticsFiltersModule,
        SyncModule,
        PipelineModule,
        LiveModule,
        HealthModule,
      ],
    };
  }
}
