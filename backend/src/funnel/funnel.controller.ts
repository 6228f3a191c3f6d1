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
import { FunnelDto } from './dto/funnel.dto';
import { FunnelService } from './funnel.service';

@ApiTags('pipeline')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, expired or badly signed user token.' })
@Controller('api/pipeline')
export class FunnelController {
  constructor(private readonly funnel: FunnelService) {}

  @Get('funnel')
  @CachedByMirror()
  @ApiOperation({
    summary: 'Stage conversion funnel of the deals created in the period, from their stage history.',
  })
  @ApiOkResponse({ type: FunnelDto })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid; the message says which.' })
  @ApiForbiddenResponse({ description: 'ownerId names a user whose deals the viewer cannot see.' })
  get(@Query() query: AnalyticsFiltersDto, @CurrentViewer() viewer: Viewer): Promise<FunnelDto> {
    return this.funnel.funnel(query, viewer);
  }
}
