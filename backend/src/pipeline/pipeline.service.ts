import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PulseConfig } from '../config/pulse-config';
import type { PipelineByStageDto, StageTotalDto } from './dto/pipeline-by-stage.dto';

/**
 * Stages come from the org's OpportunityStage (order, open or closed), so empty stages still show;
 * a stage used by deals but missing there (renamed, deactivated) is listed after them.
 */
const BY_STAGE = `
  WITH totals AS (
    SELECT stage_name, bool_or(is_closed) AS is_closed, bool_or(is_won) AS is_won, SUM(amount) AS amount, COUNT(*) AS count
    FROM opportunity WHERE NOT is_deleted GROUP BY stage_name)
  SELECT COALESCE(s.api_name, t.stage_name) AS "stageName", s.sort_order AS "sortOrder",
         COALESCE(s.is_closed, t.is_closed, false) AS "isClosed", COALESCE(s.is_won, t.is_won, false) AS "isWon",
         COALESCE(t.amount, 0)::text AS amount, COALESCE(t.count, 0)::int AS count
  FROM (SELECT * FROM opportunity_stage WHERE is_active) s
  FULL JOIN totals t ON t.stage_name = s.api_name
  WHERE $1 OR NOT COALESCE(s.is_closed, t.is_closed, false)
  ORDER BY s.sort_order NULLS LAST, 1`;

@Injectable()
export class PipelineService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: PulseConfig,
  ) {}

  async byStage(includeClosed: boolean): Promise<PipelineByStageDto> {
    const rows: (Omit<StageTotalDto, 'amount'> & { amount: string })[] = await this.db.query(BY_STAGE, [includeClosed]);
    const stages = rows.map((r) => ({ ...r, amount: Number(r.amount) }));
    return {
      currencyIsoCode: this.config.currency,
      includeClosed,
      asOf: await this.asOf(),
      totals: {
        amount: stages.reduce((sum, s) => sum + s.amount, 0),
        count: stages.reduce((sum, s) => sum + s.count, 0),
      },
      stages,
    };
  }

  private async asOf(): Promise<string | null> {
    const [row] = await this.db.query('SELECT max(greatest(last_change_at, loaded_at)) AS "asOf" FROM sync_channel');
    return row?.asOf ? new Date(row.asOf).toISOString() : null;
  }
}
