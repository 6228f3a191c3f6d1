import { Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, Put, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentViewer } from '../access/current-viewer.decorator';
import type { Viewer } from '../access/viewer';
import { TeamParamsDto } from './dto/dashboard-params.dto';
import { DashboardLayoutDto } from './dto/dashboard-layout.dto';
import { DashboardDto } from './dto/dashboard.dto';
import { ApiIfMatch, ApiLayoutBody } from './http/api-docs';
import { JsonBody, LayoutPipe } from './http/json-body';
import { withEtag } from './http/respond';
import { TeamDashboardService } from './team-dashboard.service';

@ApiTags('dashboards')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, expired or badly signed user token.' })
@ApiBadRequestResponse({ description: 'roleId is not a Salesforce UserRole Id, or the layout breaks a rule.' })
@ApiNotFoundResponse({ description: 'No such role, or (GET, DELETE) no default published for it.' })
@Controller('api/dashboards/team/:roleId')
export class TeamDashboardController {
  constructor(private readonly teams: TeamDashboardService) {}

  @Get()
  @ApiOperation({ summary: 'The team default published for a role (it applies to the roles below it).' })
  @ApiOkResponse({ type: DashboardDto })
  @ApiForbiddenResponse({ description: 'Neither above the viewer nor a role they manage.' })
  async get(
    @CurrentViewer() viewer: Viewer,
    @Param() params: TeamParamsDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DashboardDto | undefined> {
    return withEtag(response, await this.teams.get(viewer, params.roleId), ifNoneMatch);
  }

  @Put()
  @ApiOperation({
    summary:
      'Publishes the default for the roles below this one. Managers publish for their role and those below it; admins for any.',
  })
  @ApiBody({ type: DashboardLayoutDto })
  @ApiOkResponse({ type: DashboardDto })
  @ApiForbiddenResponse({ description: 'A rep, or a role outside the viewer’s own and those below it.' })
  @ApiLayoutBody()
  @ApiIfMatch()
  @ApiHeader({ name: 'If-None-Match', required: false, description: '`*`: publish only if nothing is published yet.' })
  async publish(
    @CurrentViewer() viewer: Viewer,
    @Param() params: TeamParamsDto,
    @JsonBody(new LayoutPipe()) layout: DashboardLayoutDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DashboardDto | undefined> {
    return withEtag(response, await this.teams.publish(viewer, params.roleId, layout, { ifMatch, ifNoneMatch }));
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Withdraws the default: the team falls back to the next one up, or the product’s.' })
  @ApiNoContentResponse({ description: 'Withdrawn.' })
  @ApiForbiddenResponse({ description: 'The viewer may not publish for this role.' })
  @ApiIfMatch()
  async withdraw(
    @CurrentViewer() viewer: Viewer,
    @Param() params: TeamParamsDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.teams.withdraw(viewer, params.roleId, { ifMatch });
  }
}
