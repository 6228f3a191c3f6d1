// One result page into the mirror, in one transaction: COPY the CSV as it arrives into a staging
// table, one upsert into the mirror table, and the load's new position. After a crash either all
// of it happened or none did, so a resumed load fetches the same page again, never skips one.
// The last page also sweeps rows the org no longer returned and marks the load complete.
//
// Staging and committing are separate steps so the loader can fetch and COPY the next page (on
// another connection) while this one's upsert runs; the loader commits strictly in page order.
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, QueryRunner } from 'typeorm';
import type { EffectiveObject } from '../../mirror/mirror-config';
import { sweepNotSyncedSince } from '../../mirror/mirror-writer';
import type { ResultsPage } from './bulk-query-client';
import { peekHeader } from './csv-header';
import type { ExtraKind } from './field-selection';
import { completeLoad, recordPage } from './load-state';
import { copySql, stagingTableSql, upsertFromStageSql } from './staging-sql';

export interface PageTarget {
  object: EffectiveObject;
  extraKinds: ReadonlyMap<string, ExtraKind>;
  /** The sweep's cut-off: the (first) start of this load. */
  loadStartedAt: Date;
}

export interface WrittenPage {
  records: number;
  /** Rows marked deleted by the sweep (last page only). */
  swept: number;
}

/** A page copied into its staging table, its transaction still open. */
export interface StagedPage {
  records: number;
  /** Upserts, records the position (and completes the load on the last page), commits. */
  commit(): Promise<WrittenPage>;
  /** Rolls back: nothing of the page stays. */
  abort(): Promise<void>;
}

async function rollback(runner: QueryRunner): Promise<void> {
  try {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
  } catch {
    // The connection itself failed; PostgreSQL ends the transaction with it.
  } finally {
    await runner.release();
  }
}

export async function stagePage(db: DataSource, target: PageTarget, page: ResultsPage): Promise<StagedPage> {
  const { object } = target;
  const runner = db.createQueryRunner();
  let header: string[] | null;
  let records = 0;
  try {
    const client = (await runner.connect()) as PoolClient;
    await runner.startTransaction();
    header = await peekHeader(page.body);
    if (header) {
      await runner.query(stagingTableSql(header));
      const copy = client.query(copyFrom(copySql(header)));
      await pipeline(page.body, copy);
      records = copy.rowCount;
    }
  } catch (error) {
    page.body.destroy();
    await rollback(runner);
    throw error;
  }
  return {
    records,
    abort: () => rollback(runner),
    async commit() {
      try {
        if (header) await runner.query(upsertFromStageSql(object, header, target.extraKinds));
        await recordPage(runner, object.sobject, page.nextLocator, records);
        let swept = 0;
        if (page.nextLocator === null) {
          swept = await sweepNotSyncedSince(runner.manager, object, target.loadStartedAt);
          await completeLoad(runner, object.sobject);
        }
        await runner.commitTransaction();
        await runner.release();
        return { records, swept };
      } catch (error) {
        await rollback(runner);
        throw error;
      }
    },
  };
}
