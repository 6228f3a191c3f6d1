import { Injectable } from '@nestjs/common';
import { VisibleMirror } from '../../access/visible-mirror';
import { fiscalQuarter } from '../../analytics/filters/fiscal-period';
import { PulseConfig } from '../../config/pulse-config';
import type { OutboxAlert } from '../outbox/outbox-writer';
import { resolveParams } from '../rule-kinds';
import { money } from '../stream/deal-messages';
import { scopeViewer, type RuleRun, type ScheduledRule } from './scheduled-alert';

export interface Coverage {
  pipeline: number;
  won: number;
  quota: number | null;
}

/** Open pipeline over what is left of the quota; null when there is no quota or it is already met. */
export function coverageRatio(c: Coverage): number | null {
  if (c.quota === null) return null;
  const left = c.quota - c.won;
  return left > 0 ? c.pipeline / left : null;
}

/**
 * forecast_risk: the current fiscal quarter's open pipeline (deals closing in it) against what is
 * left of the subscriber's quota after what is already won. The quota is the subscriber's own:
 * a manager's quota is their team's, so a team subscription compares like with like.
 */
@Injectable()
export class ForecastRiskRule implements ScheduledRule {
  constructor(
    private readonly mirror: VisibleMirror,
    private readonly config: PulseConfig,
  ) {}

  async evaluate(run: RuleRun): Promise<OutboxAlert[]> {
    const { subscription: s } = run;
    const minCoverage = resolveParams('forecast_risk', s.params).minCoverage!;
    const quarter = fiscalQuarter(run.today, this.config.fiscalYearStartMonth);
    const [row] = await this.mirror.query<{ pipeline: string; won: string; quota: string | null }>(
      scopeViewer(run),
      `SELECT
         (SELECT coalesce(sum(amount), 0) FROM visible_opportunity
           WHERE NOT coalesce(is_closed, false) AND close_date BETWEEN $1 AND $2) AS pipeline,
         (SELECT coalesce(sum(amount), 0) FROM visible_opportunity
           WHERE coalesce(is_won, false) AND close_date BETWEEN $1 AND $2) AS won,
         (SELECT sum(quota_amount) FROM visible_quota WHERE quota_owner_id = $3 AND start_date BETWEEN $1 AND $2) AS quota`,
      [quarter.from, quarter.to, s.userId],
    );
    const coverage: Coverage = {
      pipeline: Number(row.pipeline),
      won: Number(row.won),
      quota: row.quota === null ? null : Number(row.quota),
    };
    const ratio = coverageRatio(coverage);
    if (ratio === null || ratio >= minCoverage) return [];
    const m = (n: number) => money(n, this.config.currency);
    const left = coverage.quota! - coverage.won;
    return [
      {
        // At most once a day per subscription while the risk lasts.
        dedupKey: `forecast_risk:${s.id}:${quarter.label}:${run.today}`,
        userId: s.userId,
        subscriptionId: s.id,
        ruleKind: 'forecast_risk',
        sobject: null,
        recordId: null,
        title: `Forecast risk ${quarter.label}: pipeline coverage ${ratio.toFixed(1)}x (below ${minCoverage}x)`,
        body:
          `${s.scope === 'team' ? 'Your team has' : 'You have'} ${m(coverage.pipeline)} of open pipeline closing in ${quarter.label} ` +
          `(${quarter.from} to ${quarter.to}) against ${m(left)} still to win (quota ${m(coverage.quota!)}, ` +
          `won ${m(coverage.won)}): coverage ${ratio.toFixed(2)}x, below your ${minCoverage}x.`,
        link: null,
        payload: {
          period: quarter,
          ...coverage,
          left,
          coverage: ratio,
          minCoverage,
          currency: this.config.currency,
          scope: s.scope,
        },
      },
    ];
  }
}
