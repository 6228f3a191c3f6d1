import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessModule } from '../access/access.module';
import { SalesforceModule } from '../salesforce/salesforce.module';
import { UserTokenGuard } from './user-token.guard';

/** Authenticates every route by default; routes opt out with @Public(). */
@Module({ imports: [SalesforceModule, AccessModule], providers: [{ provide: APP_GUARD, useClass: UserTokenGuard }] })
export class AuthModule {}
