import { Injectable } from '@nestjs/common';
import { VisibleMirror } from '../../access/visible-mirror';
import { PulseConfig } from '../../config/pulse-config';
import type { OutboxAlert } from '../outbox/outbox-writer';
import { resolveParams } from '../rule-kinds';
import { money } from '../stream/deal-messages';
import { daysBefore, systemViewer, type RuleRun, type ScheduledRule } from './scheduled-alert';

/** The UTC calendar day of a timestamptz (whatever the session's time zone), as "today" is. */
const utcDay = (column: string) => `(${column} AT TIME ZONE 'UTC')::date`;

/** Most deals one subscription is told about per run (the stalest first); the rest come next run. */
const MAX_PER_RUN = 200;

interface QuietDeal {
  id: string;
  name: string | null;
  ownerId: string;
  amount: string | null;
  stageName: string | null;
  closeDate: string | null;
  accountName: string | null;
  lastTouch: string;
}

/**
 * no_activity: open deals with no Task or Event for `days` days. The quiet spell starts at the
 * last activity on the deal (its due or start date, else when it was logged) or, without any, when
 * the deal was created. Only the deals of the subscription's owners are read; their activities'
 * dates are read whoever owns them, and never shown.
 */
@Injectable()
export class NoActivityRule implements ScheduledRule {
  constructor(
    private readonly mirror: VisibleMirror,
    private readonly config: PulseConfig,
  ) {}

  async evaluate(run: RuleRun): Promise<OutboxAlert[]> {
    const days = resolveParams('no_activity', run.subscription.params).days!;
    // Read as the system, with the subscription's owners as a parameter: the activities on a deal
    // count whoever owns them (a manager's call on a rep's deal), though the rep cannot see them.
    const deals = await this.mirror.query<QuietDeal>(
      systemViewer(run),
      `SELECT o.salesforce_id AS id, o.name, o.owner_id AS "ownerId", o.amount, o.stage_name AS "stageName",
              o.close_date::text AS "closeDate", a.name AS "accountName", touch.at::text AS "lastTouch"
         FROM visible_opportunity o
         LEFT JOIN account a ON a.salesforce_id = o.account_id
         CROSS JOIN LATERAL (SELECT GREATEST(
             ${utcDay('coalesce(o.created_date, o.system_modstamp)')},
             (SELECT max(coalesce(t.activity_date, ${utcDay('t.created_date')})) FROM visible_task t
               WHERE t.what_id = o.salesforce_id),
             (SELECT max(coalesce(e.activity_date, ${utcDay('e.start_date_time')}, ${utcDay('e.created_date')}))
                FROM visible_event e WHERE e.what_id = o.salesforce_id)) AS at) touch
        WHERE o.owner_id = ANY($2::varchar[]) AND NOT coalesce(o.is_closed, false) AND touch.at <= $1::date
        ORDER BY touch.at, o.salesforce_id
        LIMIT ${MAX_PER_RUN}`,
      [daysBefore(run.today, days), [...run.owners]],
    );
    const { subscription: s } = run;
    return deals.map((d) => {
      const quietDays = Math.round((Date.parse(run.today) - Date.parse(d.lastTouch)) / 86_400_000);
      const owner = run.hierarchy.user(d.ownerId)?.name ?? d.ownerId;
      const name = d.name ?? d.id;
      const amount = d.amount === null ? null : Number(d.amount);
      return {
        // Once per quiet spell: new activity starts another, which may alert again N days later.
        dedupKey: `no_activity:${s.id}:${d.id}:${d.lastTouch}`,
        userId: s.userId,
        subscriptionId: s.id,
        ruleKind: 'no_activity',
        sobject: 'Opportunity',
        recordId: d.id,
        title: `No activity for ${quietDays} days: ${name}`,
        body:
          `${name}${d.accountName ? ` (${d.accountName})` : ''}: no task or event since ${d.lastTouch} ` +
          `(${quietDays} days; your limit is ${days}). Stage ${d.stageName}, amount ${money(amount, this.config.currency)}, ` +
          `close date ${d.closeDate ?? 'not set'}, owner ${owner}.`,
        link: run.instanceUrl ? `${run.instanceUrl}/${d.id}` : null,
        payload: {
          recordName: d.name,
          accountName: d.accountName,
          ownerId: d.ownerId,
          ownerName: owner,
          amount,
          currency: this.config.currency,
          stageName: d.stageName,
          closeDate: d.closeDate,
          lastActivity: d.lastTouch,
          quietDays,
          days,
          scope: s.scope,
        },
      };
    });
  }
}
