import { BadRequestException, ForbiddenException, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Viewer } from '../../access/viewer';
import { AnalyticsFiltersService } from '../../analytics/filters/analytics-filters.service';
import type { WidgetDto } from '../dto/widget.dto';

/** Who a layout's filters will run for: its author alone, or a whole team. */
export type Audience = 'user' | 'team';

/**
 * A widget's filters are checked as its endpoint will check them (custom periods, an owner the
 * viewer can see, a role that exists), so a layout never saves a widget that can only fail.
 */
@Injectable()
export class WidgetFilterCheck {
  constructor(private readonly filters: AnalyticsFiltersService) {}

  /**
   * `widgets` with where their settings are in the request (`widgets[2].settings.`, or nothing
   * when the body is the settings); throws 400, or 403 if every problem is one of access.
   */
  async check(widgets: readonly [string, WidgetDto][], author: Viewer, audience: Audience): Promise<void> {
    const problems: { status: number; message: string }[] = [];
    for (const [settingsPath, widget] of widgets) {
      const filters = widget.settings?.filters;
      if (!filters) continue;
      const path = `${settingsPath}filters`;
      // The team cannot see one another's deals: a default pinned to one owner would fail for most of them.
      if (audience === 'team' && filters.ownerId) {
        problems.push({
          status: HttpStatus.BAD_REQUEST,
          message: `${path}.ownerId: a team default is shared by the whole team; filter by teamRoleId instead`,
        });
        continue;
      }
      try {
        await this.filters.resolve(filters, author);
      } catch (error) {
        if (!(error instanceof HttpException)) throw error;
        problems.push({ status: error.getStatus(), message: `${path}: ${error.message}` });
      }
    }
    if (problems.length === 0) return;
    const messages = problems.map((p) => p.message);
    if (problems.every((p) => p.status === HttpStatus.FORBIDDEN)) throw new ForbiddenException(messages);
    throw new BadRequestException(messages);
  }
}
