import { Body, Controller, Get, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentViewer } from '../../../access/current-viewer.decorator';
import type { Viewer } from '../../../access/viewer';
import { AlertPreferencesService } from './alert-preferences.service';
import { AlertPreferencesDto } from './dto/alert-preferences.dto';
import { UpdateAlertPreferencesDto } from './dto/update-alert-preferences.dto';

@ApiTags('alerts')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, expired or badly signed user token.' })
@Controller('api/alerts/preferences')
export class AlertPreferencesController {
  constructor(private readonly preferences: AlertPreferencesService) {}

  @Get()
  @ApiOperation({ summary: 'Your alert delivery preferences: channels, e-mail, quiet hours, daily digest.' })
  @ApiOkResponse({ type: AlertPreferencesDto })
  @ApiBadRequestResponse({ description: 'Not raised: this route takes no parameters.' })
  get(@CurrentViewer() viewer: Viewer): Promise<AlertPreferencesDto> {
    return this.preferences.get(viewer.userId);
  }

  @Put()
  @ApiOperation({ summary: 'Replace your alert delivery preferences.' })
  @ApiOkResponse({ type: AlertPreferencesDto })
  @ApiBadRequestResponse({ description: 'A field is invalid; the message names it.' })
  put(@CurrentViewer() viewer: Viewer, @Body() body: UpdateAlertPreferencesDto): Promise<AlertPreferencesDto> {
    return this.preferences.put(viewer.userId, body);
  }
}
