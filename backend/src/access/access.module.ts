import { Global, Module } from '@nestjs/common';
import { SyncModule } from '../sync/sync.module';
import { RoleHierarchyService } from './role-hierarchy.service';
import { VisibleMirror } from './visible-mirror';

/** Who may see what: the role hierarchy and the viewer-scoped mirror every query reads. */
@Global()
@Module({
  imports: [SyncModule],
  providers: [RoleHierarchyService, VisibleMirror],
  exports: [RoleHierarchyService, VisibleMirror],
})
export class AccessModule {}
