import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { BodyLimitMiddleware } from './http/body-limit.middleware';
import { WidgetFilterCheck } from './layout/widget-filter-check';
import { MyDashboardController } from './my-dashboard.controller';
import { MyDashboardService } from './my-dashboard.service';
import { LayoutStore } from './storage/layout-store';
import { TeamDashboardController } from './team-dashboard.controller';
import { TeamDashboardService } from './team-dashboard.service';

/** Dashboard layouts: each user's own, team defaults along the role hierarchy, the product default. */
@Module({
  controllers: [MyDashboardController, TeamDashboardController],
  providers: [MyDashboardService, TeamDashboardService, LayoutStore, WidgetFilterCheck],
})
export class DashboardsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(BodyLimitMiddleware).forRoutes(MyDashboardController, TeamDashboardController);
  }
}
