import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentViewer } from '../access/current-viewer.decorator';
import type { Viewer } from '../access/viewer';
import { ViewerDto } from './viewer.dto';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/me')
export class ViewerController {
  @Get()
  @ApiOperation({ summary: 'Who the token names, and whose records they see: what every other answer is scoped to.' })
  @ApiOkResponse({ type: ViewerDto })
  @ApiUnauthorizedResponse({ description: 'Missing, expired or badly signed user token.' })
  @ApiForbiddenResponse({ description: 'The token names no active user of the mirrored org.' })
  me(@CurrentViewer() viewer: Viewer): ViewerDto {
    return {
      userId: viewer.userId,
      name: viewer.name,
      roleId: viewer.roleId,
      viewAll: viewer.viewAll,
      visibleUserIds: viewer.ownerIds,
    };
  }
}
