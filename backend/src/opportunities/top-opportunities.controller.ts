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
import { TopOpportunitiesDto } from './dto/top-opportunities.dto';
import { TopOpportunitiesQueryDto } from './dto/top-opportunities-query.dto';
import { TopOpportunitiesService } from './top-opportunities.service';

@ApiTags('opportunities')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, expired or badly signed user token.' })
@Controller('api/opportunities')
export class TopOpportunitiesController {
  constructor(private readonly opportunities: TopOpportunitiesService) {}

  @Get('top')
  @CachedByMirror()
  @ApiOperation({
    summary: 'Deals closing in the period (open by default), sorted and paginated, with account and owner names.',
  })
  @ApiOkResponse({ type: TopOpportunitiesDto })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid; the message says which.' })
  @ApiForbiddenResponse({ description: 'ownerId names a user whose deals the viewer cannot see.' })
  top(@Query() query: TopOpportunitiesQueryDto, @CurrentViewer() viewer: Viewer): Promise<TopOpportunitiesDto> {
    return this.opportunities.top(query, viewer);
  }
}
