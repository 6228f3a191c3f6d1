import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VisibleMirror } from '../access/visible-mirror';
import type { Viewer } from '../access/viewer';
import type { AnalyticsFiltersDto } from '../analytics/filters/analytics-filters.dto';
import { AnalyticsFiltersService } from '../analytics/filters/analytics-filters.service';
import { SqlParams } from '../analytics/filters/sql-params';
import { isOpen } from '../pipeline/deal-predicates';
import { mirrorAsOf } from '../pipeline/mirror-as-of';
import { activitySegment, taskDay } from './activity-segment';
import type { ActivityCountsDto, RepActivityDto, RepActivityReportDto } from './dto/rep-activity.dto';

/**
 * Completed calls and emails, and meetings up to today, per user in the period (by day, not by
 * hour: answers are cached per day). A rep with an open deal but nothing logged is listed with
 * zeros: silence is what a manager is looking for.
 */
function repActivitySql(p: {
  tasks: string;
  events: string;
  from: string;
  to: string;
  today: string;
  owners: string;
}): string {
  return `
    WITH acts AS (
      SELECT t.owner_id,
             CASE WHEN t.task_subtype = 'Call' OR t.type = 'Call' THEN 'call'
                  WHEN t.task_subtype = 'Email' THEN 'email' ELSE 'other' END AS kind
      FROM visible_task t
      WHERE t.is_closed AND ${taskDay('t')} BETWEEN ${p.from} AND ${p.to} AND ${p.tasks}
      UNION ALL
      SELECT e.owner_id, 'meeting' FROM visible_event e
      WHERE e.activity_date BETWEEN ${p.from} AND ${p.to}
        AND e.activity_date <= ${p.today}
        AND ${p.events})
    SELECT u.salesforce_id AS "userId", u.name,
           count(a.kind) FILTER (WHERE a.kind = 'call')::int AS calls,
           count(a.kind) FILTER (WHERE a.kind = 'email')::int AS emails,
           count(a.kind) FILTER (WHERE a.kind = 'meeting')::int AS meetings,
           count(a.kind) FILTER (WHERE a.kind = 'other')::int AS "otherTasks",
           count(a.kind)::int AS total
    FROM visible_user u LEFT JOIN acts a ON a.owner_id = u.salesforce_id
    WHERE ${p.owners}
    GROUP BY u.salesforce_id, u.name
    HAVING count(a.kind) > 0 OR (bool_or(COALESCE(u.is_active, false))
      AND u.salesforce_id IN (SELECT o.owner_id FROM visible_opportunity o WHERE ${isOpen('o')}))
    ORDER BY total DESC, u.name, u.salesforce_id`;
}

@Injectable()
export class RepActivityService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mirror: VisibleMirror,
    private readonly filters: AnalyticsFiltersService,
  ) {}

  async reps(
    query: AnalyticsFiltersDto,
    viewer: Viewer,
    today = new Date().toISOString().slice(0, 10),
  ): Promise<RepActivityReportDto> {
    const filters = await this.filters.resolve(query, viewer, today);
    const params = new SqlParams();
    const sql = repActivitySql({
      tasks: activitySegment(filters, params, 't'),
      events: activitySegment(filters, params, 'e'),
      from: `${params.add(filters.period.from)}::date`,
      to: `${params.add(filters.period.to)}::date`,
      today: `${params.add(today)}::date`,
      owners: filters.ownerIds ? `u.salesforce_id = ANY(${params.add(filters.ownerIds)}::varchar[])` : 'TRUE',
    });
    const [reps, asOf] = await Promise.all([
      this.mirror.query<RepActivityDto>(viewer, sql, params.values),
      mirrorAsOf(this.db),
    ]);
    const sum = (key: keyof ActivityCountsDto) => reps.reduce((n, r) => n + r[key], 0);
    const totals = {
      calls: sum('calls'),
      emails: sum('emails'),
      meetings: sum('meetings'),
      otherTasks: sum('otherTasks'),
      total: sum('total'),
    };
    return { asOf, period: filters.period, totals, reps };
  }
}
