import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AccessModule } from '../access/access.module';
import { RateLimitModule } from '../http/rate-limit/rate-limit.module';
import { SalesforceModule } from '../salesforce/salesforce.module';
import { UserTokenGuard } from './user-token.guard';
import { ViewerController } from './viewer.controller';

/**
 * Authenticates every route by default (routes opt out with @Public()), then rate-limits per user.
 * Global guards run in the order they are provided: the token guard first, so the limiter can
 * count requests by the verified user rather than by an address many users share.
 */
@Module({
  imports: [SalesforceModule, AccessModule, RateLimitModule],
  controllers: [ViewerController],
  providers: [
    { provide: APP_GUARD, useClass: UserTokenGuard },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
  ],
})
export class AuthModule {}
