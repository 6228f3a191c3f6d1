import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentViewer } from '../access/current-viewer.decorator';
import type { Viewer } from '../access/viewer';
import { AnalyticsFiltersDto } from '../analytics/filters/analytics-filters.dto';
import { CachedByMirror } from '../http/response-cache/cached-by-mirror.decorator';
import { ColdDealsService } from './cold-deals.service';
import { ColdDealsDto } from './dto/cold-deals.dto';
import { ColdDealsQueryDto } from './dto/cold-deals-query.dto';
import { RepActivityReportDto } from './dto/rep-activity.dto';
import { RepActivityService } from './rep-activity.service';

@ApiTags('activity')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, expired or badly signed user token.' })
@ApiForbiddenResponse({ description: 'ownerId names a user whose records the viewer cannot see.' })
@Controller('api/activity')
export class ActivityController {
  constructor(
    private readonly repActivity: RepActivityService,
    private readonly cold: ColdDealsService,
  ) {}

  @Get('reps')
  @CachedByMirror()
  @ApiOperation({ summary: 'Calls, emails and meetings per rep in the period.' })
  @ApiOkResponse({ type: RepActivityReportDto })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid; the message says which.' })
  reps(@Query() query: AnalyticsFiltersDto, @CurrentViewer() viewer: Viewer): Promise<RepActivityReportDto> {
    return this.repActivity.reps(query, viewer);
  }

  @Get('cold-deals')
  @CachedByMirror()
  @ApiOperation({ summary: 'Open deals closing in the period with no activity for `days` days, coldest first.' })
  @ApiOkResponse({ type: ColdDealsDto })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid; the message says which.' })
  coldDeals(@Query() query: ColdDealsQueryDto, @CurrentViewer() viewer: Viewer): Promise<ColdDealsDto> {
    return this.cold.coldDeals(query, viewer);
  }
}
