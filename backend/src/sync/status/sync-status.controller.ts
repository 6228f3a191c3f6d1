import { BadRequestException, Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { PulseConfig } from '../../config/pulse-config';
import { SalesforceConnection } from '../../salesforce/salesforce-connection.service';
import { ReconciliationService } from '../reconcile/reconciliation.service';
import { ReconcileRequestDto, ReconciliationRunDto } from './dto/reconcile.dto';
import { SyncStatusDto } from './dto/sync-status.dto';
import { SyncStatusService } from './sync-status.service';

@ApiTags('sync')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, expired or badly signed user token.' })
@Controller('api/sync')
export class SyncStatusController {
  constructor(
    private readonly status: SyncStatusService,
    private readonly reconciliation: ReconciliationService,
    private readonly salesforce: SalesforceConnection,
    private readonly config: PulseConfig,
  ) {}

  @Get('status')
  @ApiOperation({
    summary: 'Whether the mirror can be trusted now, and why: state, per-object counts, lag, load progress, errors.',
  })
  @ApiOkResponse({ type: SyncStatusDto })
  get(): Promise<SyncStatusDto> {
    return this.status.status();
  }

  @Post('reconcile')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reconcile now: compare the mirror with the org and repair what drifted (also runs on a schedule).',
  })
  @ApiOkResponse({ type: [ReconciliationRunDto] })
  @ApiBadRequestResponse({ description: 'An object named is not mirrored; the message lists those that are.' })
  async reconcile(@Body() body: ReconcileRequestDto): Promise<ReconciliationRunDto[]> {
    const mirrored = this.config.sync.objects;
    const unknown = (body.sobjects ?? []).filter((s) => !mirrored.some((o) => o.sobject === s));
    if (unknown.length > 0)
      throw new BadRequestException(
        `Not mirrored: ${unknown.join(', ')} (mirrored: ${mirrored.map((o) => o.sobject).join(', ')})`,
      );
    const objects = body.sobjects ? mirrored.filter((o) => body.sobjects!.includes(o.sobject)) : mirrored;
    const reports = await this.reconciliation.reconcileOnce(await this.salesforce.get(), objects, {
      deep: body.deep ?? false,
    });
    return reports.map((r) => ({
      sobject: r.sobject,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt ?? null,
      orgCount: r.orgCount ?? null,
      mirrorCount: r.mirrorCount ?? null,
      repaired: r.repaired,
      changed: r.repairs.changed,
      missing: r.repairs.missing,
      hardDeleted: r.repairs.hardDeleted,
      error: r.error ?? null,
      skipped: r.skipped ?? null,
    }));
  }
}
