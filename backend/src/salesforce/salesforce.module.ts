import { Module } from '@nestjs/common';
import { SalesforceConnection } from './salesforce-connection.service';

@Module({ providers: [SalesforceConnection], exports: [SalesforceConnection] })
export class SalesforceModule {}
