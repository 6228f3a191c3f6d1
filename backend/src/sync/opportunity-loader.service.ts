import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Connection } from 'jsforce';
import { DataSource } from 'typeorm';
import { PulseConfig } from '../config/pulse-config';
import type { EffectiveObject } from '../mirror/mirror-config';
import {
  markDeleted,
  soqlFields,
  sweepNotSyncedSince,
  upsertRecords,
  type SalesforceRecord,
} from '../mirror/mirror-writer';

/**
 * Reads Opportunities (and the org's stages) from Salesforce into the mirror: everything, or
 * a named set of records. Page by page, so an org of any size never sits in memory at once.
 */
@Injectable()
export class OpportunityLoader {
  private readonly logger = new Logger(OpportunityLoader.name);
  private readonly fields = new Map<string, string[]>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: PulseConfig,
  ) {}

  private object(sobject: string): EffectiveObject {
    const object = this.config.sync.objects.find((o) => o.sobject === sobject);
    if (!object) throw new Error(`${sobject} is not mirrored (see PULSE_SYNC_CONFIG)`);
    return object;
  }

  async loadStages(conn: Connection): Promise<number> {
    const stages = this.object('OpportunityStage');
    const result = await conn.query<SalesforceRecord>(
      `SELECT ${(await this.fieldsOf(conn, stages)).join(', ')} FROM OpportunityStage`,
    );
    return upsertRecords(this.db.manager, stages, result.records);
  }

  /**
   * Loads every Opportunity, deleted ones included (queryAll), so the mirror also learns of deletes.
   * A row the load did not return was hard-deleted (or belongs to an org that was replaced): it is
   * marked deleted, so a full load always leaves the mirror equal to the org.
   */
  async loadAll(conn: Connection, onPage?: (loaded: number, total: number) => void): Promise<number> {
    const object = this.object('Opportunity');
    const fields = await this.fieldsOf(conn, object);
    const startedAt = new Date();
    let page = await conn.query<SalesforceRecord>(`SELECT ${fields.join(', ')} FROM Opportunity`, { scanAll: true });
    let loaded = 0;
    for (;;) {
      await upsertRecords(this.db.manager, object, page.records);
      loaded += page.records.length;
      onPage?.(loaded, page.totalSize);
      if (page.done || !page.nextRecordsUrl) break;
      page = await conn.queryMore<SalesforceRecord>(page.nextRecordsUrl);
    }
    const gone = await sweepNotSyncedSince(this.db.manager, object, startedAt);
    if (gone) this.logger.warn(`${gone} mirrored opportunities no longer exist in the org; marked deleted`);
    return loaded;
  }

  /** Re-reads named records as Salesforce holds them now (an event we cannot apply on its own). */
  async refetch(conn: Connection, ids: string[]): Promise<void> {
    const object = this.object('Opportunity');
    const fields = await this.fieldsOf(conn, object);
    for (let i = 0; i < ids.length; i += 200) {
      const batch = ids.slice(i, i + 200);
      const quoted = batch.map((id) => `'${id.replace(/[^a-zA-Z0-9]/g, '')}'`).join(', ');
      const result = await conn.query<SalesforceRecord>(
        `SELECT ${fields.join(', ')} FROM Opportunity WHERE Id IN (${quoted})`,
        {
          scanAll: true,
        },
      );
      await upsertRecords(this.db.manager, object, result.records);
      // A record Salesforce no longer returns at all was hard-deleted.
      const found = new Set(result.records.map((r) => r.Id));
      await markDeleted(
        this.db.manager,
        object,
        batch.filter((id) => !found.has(id)),
      );
    }
  }

  /** The fields to ask for, limited to those the org has (CurrencyIsoCode exists only in multi-currency orgs). */
  private async fieldsOf(conn: Connection, object: EffectiveObject): Promise<string[]> {
    let fields = this.fields.get(object.sobject);
    if (!fields) {
      const describe = await conn.sobject(object.sobject).describe();
      fields = soqlFields(object, new Set(describe.fields.map((f) => f.name)));
      this.fields.set(object.sobject, fields);
      this.logger.log(`Mirroring ${object.sobject} fields: ${fields.join(', ')}`);
    }
    return fields;
  }
}
