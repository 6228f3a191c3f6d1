import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { PulseConfig } from './config/pulse-config';
import type { DatabaseConnection } from './database/database';
import { applySecurity } from './http/security';

/** Builds the HTTP application exactly as production runs it; tests use the same function. */
export async function createApp(
  config: PulseConfig,
  database: Pick<DatabaseConnection, 'url' | 'ssl'>,
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, database), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  applySecurity(app, config);
  app.useGlobalPipes(
    new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: false }),
  );
  const openApi = new DocumentBuilder()
    .setTitle('Pulse API')
    .setDescription('Live sales dashboards for Salesforce: aggregates over a mirror of the org, per viewer.')
    .setVersion('0.1.0')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'A per-user token signed by the org (RS256).',
    })
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi));
  return app;
}
