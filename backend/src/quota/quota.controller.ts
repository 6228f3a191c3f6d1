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
import { QuotaAttainmentDto } from './dto/quota-attainment.dto';
import { QuotaService } from './quota.service';

@ApiTags('quota')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, expired or badly signed user token.' })
@Controller('api/quota')
export class QuotaController {
  constructor(private readonly quota: QuotaService) {}

  @Get('attainment')
  @CachedByMirror()
  @ApiOperation({ summary: 'Quota attainment per user in the period, rolled up the role hierarchy.' })
  @ApiOkResponse({ type: QuotaAttainmentDto })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid; the message says which.' })
  @ApiForbiddenResponse({ description: 'ownerId names a user whose records the viewer cannot see.' })
  attainment(@Query() query: AnalyticsFiltersDto, @CurrentViewer() viewer: Viewer): Promise<QuotaAttainmentDto> {
    return this.quota.attainment(query, viewer);
  }
}
