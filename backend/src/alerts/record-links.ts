import { Injectable } from '@nestjs/common';
import { SalesforceConnection } from '../salesforce/salesforce-connection.service';

/** Links to records in Salesforce: the org's instance URL, then the record Id (Salesforce redirects to the record page). */
@Injectable()
export class RecordLinks {
  constructor(private readonly salesforce: SalesforceConnection) {}

  /** The org's instance URL, or null when not connected (an alert is written without a link rather than not at all). */
  async instanceUrl(): Promise<string | null> {
    try {
      const url = (await this.salesforce.get()).instanceUrl;
      return url ? url.replace(/\/+$/, '') : null;
    } catch {
      return null;
    }
  }

  async link(recordId: string): Promise<string | null> {
    const base = await this.instanceUrl();
    return base ? `${base}/${recordId}` : null;
  }
}
