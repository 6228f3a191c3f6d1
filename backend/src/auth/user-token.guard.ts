import {
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import jwt from 'jsonwebtoken';
import { RoleHierarchyService } from '../access/role-hierarchy.service';
import type { Viewer } from '../access/viewer';
import { PulseConfig } from '../config/pulse-config';
import { SalesforceConnection } from '../salesforce/salesforce-connection.service';
import { IS_PUBLIC } from './public.decorator';

export type AuthenticatedRequest = Request & { viewer?: Viewer };

/** Set by the org's proxy for users holding the Pulse_View_All_Data custom permission. */
export const VIEW_ALL_CLAIM = 'pulse_view_all';

/**
 * Every request carries a token the org signed for the user (RS256, the org's certificate):
 * issued by our org, for us, current. Anything else is refused with 401 and no detail to probe.
 */
@Injectable()
export class UserTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: PulseConfig,
    private readonly salesforce: SalesforceConnection,
    private readonly hierarchy: RoleHierarchyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw new UnauthorizedException('A bearer token is required');
    const orgId = await this.orgId();
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(token, this.config.userTokens.certificate, {
        algorithms: ['RS256'],
        audience: this.config.userTokens.audience,
        issuer: [orgId, orgId.slice(0, 15)],
        clockTolerance: 30,
      }) as jwt.JwtPayload;
      if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') throw new Error('sub and exp are required');
    } catch {
      throw new UnauthorizedException('The token is invalid or expired');
    }
    // The org grants "view all" through the Pulse_View_All_Data custom permission; its proxy says so in the token.
    request.viewer = await this.hierarchy.viewer(claims.sub!, claims[VIEW_ALL_CLAIM] === true);
    return true;
  }

  /** The org tokens must come from. A standby instance, which does not stream, signs in to learn it. */
  private async orgId(): Promise<string> {
    if (this.salesforce.orgId) return this.salesforce.orgId;
    try {
      await this.salesforce.get();
    } catch {
      throw new ServiceUnavailableException('Not connected to the Salesforce org yet; try again shortly');
    }
    return this.salesforce.orgId!;
  }
}
