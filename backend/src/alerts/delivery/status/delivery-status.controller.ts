import { Controller, ForbiddenException, Get } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentViewer } from '../../../access/current-viewer.decorator';
import type { Viewer } from '../../../access/viewer';
import { DeliveryStatusService } from './delivery-status.service';
import { DeliveryStatusDto } from './dto/delivery-status.dto';

@ApiTags('alerts')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, expired or badly signed user token.' })
@Controller('api/alerts/delivery')
export class DeliveryStatusController {
  constructor(private readonly status: DeliveryStatusService) {}

  @Get()
  @ApiOperation({ summary: 'Alert delivery health for admins: the outbox by status and the latest failures.' })
  @ApiOkResponse({ type: DeliveryStatusDto })
  @ApiBadRequestResponse({ description: 'Not raised: this route takes no parameters.' })
  @ApiForbiddenResponse({ description: 'Only users with Pulse_View_All_Data (admins) may read it.' })
  get(@CurrentViewer() viewer: Viewer): Promise<DeliveryStatusDto> {
    if (!viewer.viewAll) throw new ForbiddenException('alert delivery status is for admins (Pulse_View_All_Data)');
    return this.status.status();
  }
}
