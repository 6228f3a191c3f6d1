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
import { MovementDto } from './dto/movement.dto';
import { MovementQueryDto } from './dto/movement-query.dto';
import { MovementService } from './movement.service';

@ApiTags('pipeline')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, expired or badly signed user token.' })
@Controller('api/pipeline')
export class MovementController {
  constructor(private readonly movement: MovementService) {}

  @Get('movement')
  @CachedByMirror()
  @ApiOperation({
    summary: "How the period's pipeline moved between two dates: new, pulled in, won, lost, pushed out, and more.",
    description:
      "The period's pipeline is the open deals whose close date falls in the period, as OpportunityHistory " +
      'shows them at each snapshot. The waterfall adds up: start plus every signed step equals end.',
  })
  @ApiOkResponse({ type: MovementDto })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid; the message says which.' })
  @ApiForbiddenResponse({ description: 'ownerId names a user whose deals the viewer cannot see.' })
  get(@Query() query: MovementQueryDto, @CurrentViewer() viewer: Viewer): Promise<MovementDto> {
    return this.movement.movement(query, viewer);
  }
}
