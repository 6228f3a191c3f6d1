import { PayloadTooLargeException } from '@nestjs/common';
import type { DashboardLayoutDto } from '../dto/dashboard-layout.dto';
import { MAX_LAYOUT_BYTES } from './widget-types';

/** 413 for a layout bigger than a dashboard document may be, as stored (compact JSON). */
export function assertStorable(layout: DashboardLayoutDto): void {
  const bytes = Buffer.byteLength(JSON.stringify(layout));
  if (bytes > MAX_LAYOUT_BYTES)
    throw new PayloadTooLargeException(
      `The layout is ${bytes} bytes; a dashboard layout may be at most ${MAX_LAYOUT_BYTES}`,
    );
}
