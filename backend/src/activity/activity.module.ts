import { Module } from '@nestjs/common';
import { ActivityController } from './activity.controller';
import { ColdDealsService } from './cold-deals.service';
import { RepActivityService } from './rep-activity.service';

/** Activity per rep and the deals nobody has touched lately, from Tasks and Events. */
@Module({ controllers: [ActivityController], providers: [RepActivityService, ColdDealsService] })
export class ActivityModule {}
