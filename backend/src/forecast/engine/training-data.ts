import { Injectable } from '@nestjs/common';
import { VisibleMirror } from '../../access/visible-mirror';
import { dealOf, dealsSql, type DealRow } from '../history/deal-rows';
import type { DealRecord } from '../history/deal-timeline';
import { isoOf } from '../history/days';
import { StageCatalog, type StageRow } from '../history/stage-catalog';
import { OwnerRecord, type OwnerMonth } from '../model/owner-record';
import { ORG_WIDE } from './org-wide';

/** Snapshots reach this far back. */
export const LOOKBACK_DAYS = 730;
/**
 * At most this many deals are read to learn from (a deterministic sample by Id hash beyond it):
 * tens of thousands of snapshots fit two dozen coefficients as well as millions would, and a
 * million-deal org then trains in a fraction of a second.
 */
export const MAX_TRAINING_DEALS = 5_000;
const HASH_BUCKETS = 1 << 20;

export interface TrainingData {
  stages: StageCatalog;
  owners: OwnerRecord;
  /** Deals that could have been open at some snapshot before `until`. */
  deals: DealRecord[];
  /** Share of those deals read (1: all). */
  sampleRate: number;
}

const STAGES_SQL = `
  SELECT api_name AS "apiName", sort_order AS "sortOrder", is_active AS "isActive", is_closed AS "isClosed",
         is_won AS "isWon", default_probability::float8 AS "defaultProbability",
         forecast_category_name AS "forecastCategoryName"
  FROM opportunity_stage WHERE api_name IS NOT NULL`;

/**
 * Closed deals per owner and CloseDate month (year * 12 + month - 1: an integer groups faster than
 * a date), every one of them, the sample aside.
 */
const OWNER_MONTHS_SQL = `
  SELECT o.owner_id AS "ownerId",
         (extract(year FROM o.close_date) * 12 + extract(month FROM o.close_date) - 1)::int AS month,
         count(*) FILTER (WHERE o.is_won IS TRUE)::int AS won, count(*)::int AS closed
  FROM visible_opportunity o
  WHERE o.is_closed IS TRUE AND o.close_date IS NOT NULL AND o.owner_id IS NOT NULL
  GROUP BY 1, 2`;

/** Open at some instant in [from, until): created before `until`, not closed before `from` (with a margin). */
const candidates = (o: string) =>
  `${o}.created_date < $1::date AND (${o}.is_closed IS NOT TRUE OR ${o}.close_date >= $2::date - 31)`;

/**
 * The candidates, or a deterministic sample of them by Id hash when there are more than
 * MAX_TRAINING_DEALS: the count and the read are one statement (the count first, as an InitPlan),
 * so it runs beside the owner aggregate instead of after it.
 */
const SAMPLE_SQL = `
  WITH share AS (
    SELECT least(1.0, ${MAX_TRAINING_DEALS}.0 / greatest(count(*), 1))::float8 AS rate
    FROM visible_opportunity c WHERE ${candidates('c')})
  SELECT d.*, (SELECT rate FROM share) AS "sampleRate"
  FROM (${dealsSql(`${candidates('o')} AND (hashtext(o.salesforce_id) & ${HASH_BUCKETS - 1}) < (SELECT rate FROM share) * ${HASH_BUCKETS}`)}) d`;

/** Reads, org-wide, what the forecast model learns from. */
@Injectable()
export class TrainingDataSource {
  constructor(private readonly mirror: VisibleMirror) {}

  async stages(): Promise<StageCatalog> {
    return new StageCatalog(await this.mirror.query<StageRow>(ORG_WIDE, STAGES_SQL));
  }

  async load(until: number, lookbackDays = LOOKBACK_DAYS): Promise<TrainingData> {
    const range = [isoOf(Math.ceil(until)), isoOf(Math.floor(until - lookbackDays))];
    const [stages, months, rows] = await Promise.all([
      this.stages(),
      this.mirror.query<{ ownerId: string; month: number; won: number; closed: number }>(ORG_WIDE, OWNER_MONTHS_SQL),
      this.mirror.query<DealRow & { sampleRate: number }>(ORG_WIDE, SAMPLE_SQL, range),
    ]);
    const ownerMonths: OwnerMonth[] = months.map((m) => ({
      ...m,
      month: Date.UTC(Math.floor(m.month / 12), m.month % 12, 1) / 86_400_000,
    }));
    return {
      stages,
      owners: new OwnerRecord(ownerMonths),
      deals: rows.map(dealOf),
      sampleRate: rows[0]?.sampleRate ?? 1,
    };
  }
}
