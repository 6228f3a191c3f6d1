import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentViewer } from '../../access/current-viewer.decorator';
import type { Viewer } from '../../access/viewer';
import { AlertFeedService } from './alert-feed.service';
import { AlertFeedQueryDto } from './dto/alert-feed-query.dto';
import { AlertFeedDto } from './dto/alert.dto';

@ApiTags('alerts')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, expired or badly signed user token.' })
@Controller('api/alerts')
export class AlertFeedController {
  constructor(private readonly feed: AlertFeedService) {}

  @Get()
  @ApiOperation({ summary: "The viewer's recent alerts, newest first, with their delivery status." })
  @ApiOkResponse({ type: AlertFeedDto })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid; the message says which.' })
  recent(@Query() query: AlertFeedQueryDto, @CurrentViewer() viewer: Viewer): Promise<AlertFeedDto> {
    return this.feed.recent(viewer, query);
  }
}
