import { createPublicKey, type KeyObject } from 'node:crypto';
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

/** Clock skew allowed between the org and us, for exp and nbf. */
const CLOCK_TOLERANCE_S = 30;
/**
 * The proxy signs tokens valid for a minute (the emulator: five). One valid much longer was not
 * made by it: refused, so a token that leaks cannot be replayed for days.
 */
export const MAX_TOKEN_LIFETIME_S = 3600;

/**
 * Every request carries a token the org signed for the user (RS256, the org's certificate):
 * issued by our org, for us, current. Anything else is refused with 401 and no detail to probe.
 */
@Injectable()
export class UserTokenGuard implements CanActivate {
  /** Parsed once: the PEM would otherwise be parsed again on every request. */
  private readonly certificate: KeyObject;

  constructor(
    private readonly reflector: Reflector,
    private readonly config: PulseConfig,
    private readonly salesforce: SalesforceConnection,
    private readonly hierarchy: RoleHierarchyService,
  ) {
    this.certificate = createPublicKey(config.userTokens.certificate);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw new UnauthorizedException('A bearer token is required');
    const orgId = await this.orgId();
    let claims: jwt.JwtPayload;
    try {
      // Pinned to RS256: never 'none', never HS256 "signed" with our public certificate as the secret.
      // jsonwebtoken checks nbf (and exp when present) against the clock.
      claims = jwt.verify(token, this.certificate, {
        algorithms: ['RS256'],
        audience: this.config.userTokens.audience,
        issuer: [orgId, orgId.slice(0, 15)],
        clockTolerance: CLOCK_TOLERANCE_S,
      }) as jwt.JwtPayload;
      if (typeof claims.sub !== 'string' || claims.sub === '') throw new Error('sub is required');
      if (typeof claims.exp !== 'number') throw new Error('exp is required');
      if (claims.exp - Date.now() / 1000 > MAX_TOKEN_LIFETIME_S + CLOCK_TOLERANCE_S) throw new Error('exp too far');
    } catch {
      throw new UnauthorizedException('The token is invalid or expired');
    }
    // The org grants "view all" through the Pulse_View_All_Data custom permission; its proxy says so in the token.
    request.viewer = await this.hierarchy.viewer(claims.sub, claims[VIEW_ALL_CLAIM] === true);
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
