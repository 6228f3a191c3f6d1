import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { PipelineByStageDto } from './dto/pipeline-by-stage.dto';
import { PipelineQueryDto } from './dto/pipeline-query.dto';
import { PipelineService } from './pipeline.service';

@ApiTags('pipeline')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, expired or badly signed user token.' })
@Controller('api/pipeline')
export class PipelineController {
  constructor(private readonly pipeline: PipelineService) {}

  @Get('by-stage')
  @ApiOperation({ summary: 'Open pipeline per stage: amount and number of deals.' })
  @ApiOkResponse({ type: PipelineByStageDto })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid; the message says which.' })
  byStage(@Query() query: PipelineQueryDto): Promise<PipelineByStageDto> {
    return this.pipeline.byStage(query.includeClosed ?? false);
  }
}
