import { Module } from '@nestjs/common';
import { MovementController } from './movement.controller';
import { MovementService } from './movement.service';

/** Pipeline movement between two dates, rebuilt from OpportunityHistory. */
@Module({ controllers: [MovementController], providers: [MovementService] })
export class MovementModule {}
