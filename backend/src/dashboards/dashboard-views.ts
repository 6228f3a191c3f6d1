import type { RoleHierarchy } from '../access/role-hierarchy';
import type { DashboardLayoutDto } from './dto/dashboard-layout.dto';
import type { DashboardDto, LayoutSource, NamedRecordDto } from './dto/dashboard.dto';
import { PRODUCT_ETAG } from './http/etags';
import { PRODUCT_DEFAULT_LAYOUT } from './layout/product-default';
import type { StoredLayout } from './storage/layout-store';

/** A stored layout as answered. */
export function storedView(
  hierarchy: RoleHierarchy,
  stored: StoredLayout,
  layout: DashboardLayoutDto,
  etag: string,
  notices: string[] = [],
): DashboardDto {
  return {
    source: stored.kind satisfies LayoutSource,
    role: stored.kind === 'team' ? roleRecord(hierarchy, stored.ownerId) : null,
    layout,
    version: stored.version,
    updatedAt: new Date(stored.updatedAt).toISOString(),
    updatedBy: { id: stored.updatedBy, name: hierarchy.user(stored.updatedBy)?.name ?? null },
    etag,
    notices,
  };
}

/** The product default; `etag` is the stored resource's when one exists but could not be read. */
export function productView(
  notices: string[] = [],
  etag = PRODUCT_ETAG,
  role: NamedRecordDto | null = null,
): DashboardDto {
  return {
    source: 'product',
    role,
    layout: PRODUCT_DEFAULT_LAYOUT,
    version: null,
    updatedAt: null,
    updatedBy: null,
    etag,
    notices,
  };
}

export function roleRecord(hierarchy: RoleHierarchy, roleId: string): NamedRecordDto {
  return { id: roleId, name: hierarchy.roles.get(roleId)?.name ?? null };
}
