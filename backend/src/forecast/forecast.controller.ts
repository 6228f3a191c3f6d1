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
import { ForecastAccuracyService } from './backtest/forecast-accuracy.service';
import { CategoryForecastService } from './categories/category-forecast.service';
import { AccuracyQueryDto } from './dto/accuracy-query.dto';
import { CategoryForecastDto } from './dto/category-forecast.dto';
import { ForecastAccuracyDto } from './dto/forecast-accuracy.dto';
import { PredictiveForecastDto } from './dto/predictive-forecast.dto';
import { PredictiveQueryDto } from './dto/predictive-query.dto';
import { PredictiveForecastService } from './predictive/predictive-forecast.service';

@ApiTags('forecast')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, expired or badly signed user token.' })
@ApiBadRequestResponse({ description: 'A query parameter is invalid; the message says which.' })
@ApiForbiddenResponse({ description: 'ownerId names a user whose deals the viewer cannot see.' })
@Controller('api/forecast')
export class ForecastController {
  constructor(
    private readonly categories: CategoryForecastService,
    private readonly predictive: PredictiveForecastService,
    private readonly accuracyService: ForecastAccuracyService,
  ) {}

  @Get('categories')
  @CachedByMirror()
  @ApiOperation({
    summary:
      'Category forecast (Closed, Commit, Best Case, Pipeline; per category and cumulative) per period and user, ' +
      'rolled up the role hierarchy, against quota.',
  })
  @ApiOkResponse({ type: CategoryForecastDto })
  byCategory(@Query() query: AnalyticsFiltersDto, @CurrentViewer() viewer: Viewer): Promise<CategoryForecastDto> {
    return this.categories.forecast(query, viewer);
  }

  @Get('predictive')
  @CachedByMirror()
  @ApiOperation({
    summary:
      "Predictive forecast: each open deal's calibrated win probability learnt from the org's history, and " +
      'bookings per fiscal quarter with P10/P50/P90 from a seeded simulation.',
  })
  @ApiOkResponse({ type: PredictiveForecastDto })
  predict(@Query() query: PredictiveQueryDto, @CurrentViewer() viewer: Viewer): Promise<PredictiveForecastDto> {
    return this.predictive.forecast(query, viewer);
  }

  @Get('accuracy')
  @CachedByMirror()
  @ApiOperation({
    summary:
      'Backtest: the predictive forecast and the weighted-pipeline baseline as they would have been made at past ' +
      'cutoffs, against what closed won (MAPE, bias, P10-P90 coverage).',
  })
  @ApiOkResponse({ type: ForecastAccuracyDto })
  accuracy(@Query() query: AccuracyQueryDto, @CurrentViewer() viewer: Viewer): Promise<ForecastAccuracyDto> {
    return this.accuracyService.accuracy(query, viewer);
  }
}
