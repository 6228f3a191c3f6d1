import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Connection } from 'jsforce';
import { In, Repository } from 'typeorm';
import { Opportunity } from './entities/opportunity.entity';
import { OpportunityStage } from './entities/opportunity-stage.entity';
import { opportunityColumns, opportunityFieldsIn } from './opportunity-mapping';

type SalesforceRecord = Record<string, unknown> & { Id: string };

/**
 * Reads Opportunities (and the org's stages) from Salesforce into the mirror: everything, or
 * a named set of records. Page by page, so an org of any size never sits in memory at once.
 */
@Injectable()
export class OpportunityLoader {
  private readonly logger = new Logger(OpportunityLoader.name);
  private fields?: string[];

  constructor(
    @InjectRepository(Opportunity) private readonly opportunities: Repository<Opportunity>,
    @InjectRepository(OpportunityStage) private readonly stages: Repository<OpportunityStage>,
  ) {}

  async loadStages(conn: Connection): Promise<number> {
    const result = await conn.query<SalesforceRecord>(
      'SELECT Id, ApiName, MasterLabel, SortOrder, IsActive, IsClosed, IsWon, DefaultProbability, ForecastCategoryName, SystemModstamp FROM OpportunityStage',
    );
    const now = new Date();
    const rows = result.records.map((s) => ({
      salesforceId: s.Id,
      apiName: String(s.ApiName),
      masterLabel: String(s.MasterLabel),
      sortOrder: s.SortOrder as number | null,
      isActive: s.IsActive === true,
      isClosed: s.IsClosed === true,
      isWon: s.IsWon === true,
      defaultProbability: s.DefaultProbability as number | null,
      forecastCategory: s.ForecastCategoryName as string | null,
      systemModstamp: new Date(String(s.SystemModstamp)),
      lastSyncedAt: now,
    }));
    await this.stages.upsert(rows, ['salesforceId']);
    return rows.length;
  }

  /**
   * Loads every Opportunity, deleted ones included (queryAll), so the mirror also learns of deletes.
   * A row the load did not return was hard-deleted (or belongs to an org that was replaced): it is
   * marked deleted, so a full load always leaves the mirror equal to the org.
   */
  async loadAll(conn: Connection, onPage?: (loaded: number, total: number) => void): Promise<number> {
    const fields = await this.fieldsOf(conn);
    const startedAt = new Date();
    let page = await conn.query<SalesforceRecord>(`SELECT ${fields.join(', ')} FROM Opportunity`, { scanAll: true });
    let loaded = 0;
    for (;;) {
      await this.save(page.records);
      loaded += page.records.length;
      onPage?.(loaded, page.totalSize);
      if (page.done || !page.nextRecordsUrl) break;
      page = await conn.queryMore<SalesforceRecord>(page.nextRecordsUrl);
    }
    const gone = await this.opportunities
      .createQueryBuilder()
      .update()
      .set({ isDeleted: true, lastSyncedAt: new Date() })
      .where('last_synced_at < :startedAt AND NOT is_deleted', { startedAt })
      .execute();
    if (gone.affected)
      this.logger.warn(`${gone.affected} mirrored opportunities no longer exist in the org; marked deleted`);
    return loaded;
  }

  /** Re-reads named records as Salesforce holds them now (an event we cannot apply on its own). */
  async refetch(conn: Connection, ids: string[]): Promise<void> {
    const fields = await this.fieldsOf(conn);
    for (let i = 0; i < ids.length; i += 200) {
      const batch = ids.slice(i, i + 200);
      const quoted = batch.map((id) => `'${id.replace(/[^a-zA-Z0-9]/g, '')}'`).join(', ');
      const result = await conn.query<SalesforceRecord>(
        `SELECT ${fields.join(', ')} FROM Opportunity WHERE Id IN (${quoted})`,
        { scanAll: true },
      );
      await this.save(result.records);
      // A record Salesforce no longer returns at all was hard-deleted.
      const found = new Set(result.records.map((r) => r.Id));
      const gone = batch.filter((id) => !found.has(id));
      if (gone.length > 0)
        await this.opportunities.update({ salesforceId: In(gone) }, { isDeleted: true, lastSyncedAt: new Date() });
    }
  }

  private async save(records: SalesforceRecord[]): Promise<void> {
    if (records.length === 0) return;
    const now = new Date();
    const rows = records.map((r) => ({ ...opportunityColumns(r), salesforceId: r.Id, lastSyncedAt: now }));
    await this.opportunities.upsert(rows, ['salesforceId']);
  }

  private async fieldsOf(conn: Connection): Promise<string[]> {
    if (!this.fields) {
      const describe = await conn.sobject('Opportunity').describe();
      this.fields = opportunityFieldsIn(new Set(describe.fields.map((f) => f.name)));
      this.logger.log(`Mirroring Opportunity fields: ${this.fields.join(', ')}`);
    }
    return this.fields;
  }
}
