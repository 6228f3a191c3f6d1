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
import { PipelineByCloseMonthDto } from './dto/pipeline-by-close-month.dto';
import { PipelineByForecastCategoryDto } from './dto/pipeline-by-forecast-category.dto';
import { PipelineByOwnerDto } from './dto/pipeline-by-owner.dto';
import { PipelineByStageDto } from './dto/pipeline-by-stage.dto';
import { PipelineQueryDto } from './dto/pipeline-query.dto';
import { PipelineService } from './pipeline.service';

@ApiTags('pipeline')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, expired or badly signed user token.' })
@ApiBadRequestResponse({ description: 'A query parameter is invalid; the message says which.' })
@ApiForbiddenResponse({ description: 'ownerId names a user whose deals the viewer cannot see.' })
@Controller('api/pipeline')
export class PipelineController {
  constructor(private readonly pipeline: PipelineService) {}

  @Get('by-stage')
  @CachedByMirror()
  @ApiOperation({
    summary: 'Open pipeline per stage: amount and number of deals (closed stages too with includeClosed).',
  })
  @ApiOkResponse({ type: PipelineByStageDto })
  byStage(@Query() query: PipelineQueryDto, @CurrentViewer() viewer: Viewer): Promise<PipelineByStageDto> {
    return this.pipeline.byStage(query, viewer);
  }

  @Get('by-owner')
  @CachedByMirror()
  @ApiOperation({ summary: 'Open pipeline closing in the period per owner: amount, count and weighted amount.' })
  @ApiOkResponse({ type: PipelineByOwnerDto })
  byOwner(@Query() query: AnalyticsFiltersDto, @CurrentViewer() viewer: Viewer): Promise<PipelineByOwnerDto> {
    return this.pipeline.byOwner(query, viewer);
  }

  @Get('by-close-month')
  @CachedByMirror()
  @ApiOperation({ summary: 'Open pipeline per month of CloseDate across the period, empty months included.' })
  @ApiOkResponse({ type: PipelineByCloseMonthDto })
  byCloseMonth(@Query() query: AnalyticsFiltersDto, @CurrentViewer() viewer: Viewer): Promise<PipelineByCloseMonthDto> {
    return this.pipeline.byCloseMonth(query, viewer);
  }

  @Get('by-forecast-category')
  @CachedByMirror()
  @ApiOperation({
    summary: 'Deals closing in the period per forecast category: Pipeline, Best Case, Commit, Closed, Omitted.',
  })
  @ApiOkResponse({ type: PipelineByForecastCategoryDto })
  byForecastCategory(
    @Query() query: AnalyticsFiltersDto,
    @CurrentViewer() viewer: Viewer,
  ): Promise<PipelineByForecastCategoryDto> {
    return this.pipeline.byForecastCategory(query, viewer);
  }
}
