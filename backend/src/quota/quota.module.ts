import { Module } from '@nestjs/common';
import { QuotaController } from './quota.controller';
import { QuotaService } from './quota.service';

/** Quota attainment per user and rolled up the role hierarchy. */
@Module({ controllers: [QuotaController], providers: [QuotaService] })
export class QuotaModule {}
