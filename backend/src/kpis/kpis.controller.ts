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
import { CachedByMirror } from '../http/response-cache/cached-by-mirror.decorator';
import { AnalyticsFiltersDto } from '../analytics/filters/analytics-filters.dto';
import { KpisDto } from './dto/kpis.dto';
import { KpisService } from './kpis.service';

@ApiTags('kpis')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, expired or badly signed user token.' })
@Controller('api/kpis')
export class KpisController {
  constructor(private readonly kpis: KpisService) {}

  @Get()
  @CachedByMirror()
  @ApiOperation({
    summary:
      'Headline figures for the period: open and weighted pipeline, closed won, win rates, average deal size and ' +
      'sales cycle, pipeline coverage against quota, sales velocity.',
  })
  @ApiOkResponse({ type: KpisDto })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid; the message says which.' })
  @ApiForbiddenResponse({ description: 'ownerId names a user whose deals the viewer cannot see.' })
  get(@Query() query: AnalyticsFiltersDto, @CurrentViewer() viewer: Viewer): Promise<KpisDto> {
    return this.kpis.kpis(query, viewer);
  }
}
