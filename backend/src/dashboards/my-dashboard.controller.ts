import { Controller, Delete, Get, Headers, Param, Patch, Put, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiNotFoundResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentViewer } from '../access/current-viewer.decorator';
import type { Viewer } from '../access/viewer';
import { WidgetParamsDto } from './dto/dashboard-params.dto';
import { DashboardLayoutDto } from './dto/dashboard-layout.dto';
import { DashboardDto } from './dto/dashboard.dto';
import { WidgetSettingsDto } from './dto/widget.dto';
import { ApiIfMatch, ApiLayoutBody } from './http/api-docs';
import { JsonBody, LayoutPipe, WidgetSettingsPipe } from './http/json-body';
import { withEtag } from './http/respond';
import { MyDashboardService } from './my-dashboard.service';

@ApiTags('dashboards')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, expired or badly signed user token.' })
@Controller('api/dashboards/me')
export class MyDashboardController {
  constructor(private readonly dashboards: MyDashboardService) {}

  @Get()
  @ApiOperation({
    summary: "The viewer's dashboard: their own layout, else their team default, else the product default.",
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag read before: 304 if still current.' })
  @ApiOkResponse({ type: DashboardDto, description: '`source` says whose layout it is.' })
  @ApiNotModifiedResponse({ description: 'If-None-Match names the current ETag.' })
  async get(
    @CurrentViewer() viewer: Viewer,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DashboardDto | undefined> {
    return withEtag(response, await this.dashboards.get(viewer), ifNoneMatch);
  }

  @Put()
  @ApiOperation({ summary: "Replaces the viewer's own layout (starting one if they had none)." })
  @ApiBody({ type: DashboardLayoutDto })
  @ApiOkResponse({ type: DashboardDto })
  @ApiLayoutBody()
  @ApiIfMatch()
  async replace(
    @CurrentViewer() viewer: Viewer,
    @JsonBody(new LayoutPipe()) layout: DashboardLayoutDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DashboardDto | undefined> {
    return withEtag(response, await this.dashboards.replace(viewer, layout, ifMatch));
  }

  @Patch('widgets/:widgetId')
  @ApiOperation({
    summary: "Changes one widget's settings (those given replace its own); from a default, saves an own copy.",
  })
  @ApiBody({ type: WidgetSettingsDto })
  @ApiOkResponse({ type: DashboardDto })
  @ApiNotFoundResponse({ description: 'No widget with that id is on the dashboard.' })
  @ApiLayoutBody()
  @ApiIfMatch()
  async patchWidget(
    @CurrentViewer() viewer: Viewer,
    @Param() params: WidgetParamsDto,
    @JsonBody(new WidgetSettingsPipe()) settings: WidgetSettingsDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DashboardDto | undefined> {
    return withEtag(response, await this.dashboards.patchWidget(viewer, params.widgetId, settings, ifMatch));
  }

  @Delete()
  @ApiOperation({ summary: "Drops the viewer's own layout; answers the default they see from now on." })
  @ApiOkResponse({ type: DashboardDto })
  @ApiIfMatch()
  async reset(
    @CurrentViewer() viewer: Viewer,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DashboardDto | undefined> {
    return withEtag(response, await this.dashboards.reset(viewer, ifMatch));
  }
}
