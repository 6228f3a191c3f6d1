import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentViewer } from '../../access/current-viewer.decorator';
import type { Viewer } from '../../access/viewer';
import { AlertSubscriptionDto, AlertSubscriptionListDto } from './dto/alert-subscription.dto';
import { CreateAlertSubscriptionDto, UpdateAlertSubscriptionDto } from './dto/alert-subscription-input.dto';
import { SubscriptionsService } from './subscriptions.service';

const Id = () =>
  Param('id', new ParseIntPipe({ exceptionFactory: () => new BadRequestException('id must be a whole number') }));

@ApiTags('alerts')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, expired or badly signed user token.' })
@Controller('api/alerts/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Get()
  @ApiOperation({ summary: "The viewer's alert subscriptions." })
  @ApiOkResponse({ type: AlertSubscriptionListDto })
  list(@CurrentViewer() viewer: Viewer): Promise<AlertSubscriptionListDto> {
    return this.subscriptions.list(viewer);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of the viewer’s alert subscriptions.' })
  @ApiOkResponse({ type: AlertSubscriptionDto })
  @ApiBadRequestResponse({ description: 'id is not a number.' })
  @ApiNotFoundResponse({ description: 'The viewer has no subscription with this id.' })
  get(@Id() id: number, @CurrentViewer() viewer: Viewer): Promise<AlertSubscriptionDto> {
    return this.subscriptions.get(viewer, id);
  }

  @Post()
  @ApiOperation({ summary: 'Subscribes the viewer to a rule, for their own deals (self) or their team’s (team).' })
  @ApiCreatedResponse({ type: AlertSubscriptionDto })
  @ApiBadRequestResponse({
    description: 'A field is invalid, or a parameter does not apply to the rule; the message says which.',
  })
  @ApiForbiddenResponse({
    description: 'scope team without anyone below the viewer, or sync_unhealthy by a non-admin.',
  })
  create(@Body() body: CreateAlertSubscriptionDto, @CurrentViewer() viewer: Viewer): Promise<AlertSubscriptionDto> {
    return this.subscriptions.create(viewer, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Changes the scope, parameters (replaced as a whole) or active flag of a subscription.' })
  @ApiOkResponse({ type: AlertSubscriptionDto })
  @ApiBadRequestResponse({ description: 'A field is invalid; the message says which.' })
  @ApiForbiddenResponse({ description: 'scope team without anyone below the viewer.' })
  @ApiNotFoundResponse({ description: 'The viewer has no subscription with this id.' })
  update(
    @Id() id: number,
    @Body() body: UpdateAlertSubscriptionDto,
    @CurrentViewer() viewer: Viewer,
  ): Promise<AlertSubscriptionDto> {
    return this.subscriptions.update(viewer, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deletes a subscription (alerts already written stay in the viewer’s list).' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiBadRequestResponse({ description: 'id is not a number.' })
  @ApiNotFoundResponse({ description: 'The viewer has no subscription with this id.' })
  remove(@Id() id: number, @CurrentViewer() viewer: Viewer): Promise<void> {
    return this.subscriptions.remove(viewer, id);
  }
}
