import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, type HealthIndicatorResult } from '@nestjs/terminus';
import { Public } from '../auth/public.decorator';
import { SyncService } from '../sync/sync.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly sync: SyncService,
  ) {}

  /** Healthy when the database answers; the sync's state is reported but a retrying sync is not fatal. */
  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness for the load balancer, with the sync state for humans.' })
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2_000 }),
      (): HealthIndicatorResult => ({ sync: { status: 'up', ...this.sync.status } }),
    ]);
  }
}
