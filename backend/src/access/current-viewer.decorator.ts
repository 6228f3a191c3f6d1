import { createParamDecorator, InternalServerErrorException, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/user-token.guard';
import type { Viewer } from './viewer';

/** The viewer the guard resolved for this request; routes marked @Public() have none. */
export const CurrentViewer = createParamDecorator((_data: unknown, context: ExecutionContext): Viewer => {
  const viewer = context.switchToHttp().getRequest<AuthenticatedRequest>().viewer;
  if (!viewer) throw new InternalServerErrorException('No viewer on an authenticated route');
  return viewer;
});
