// Access tokens the emulator has issued: opaque strings, as Salesforce's are, with a lifetime so
// that sessions really expire and clients must re-authenticate. Refresh tokens (issued only where
// Salesforce issues them: never by the JWT bearer flow) live until revoked, and revoking one ends
// every access token it minted.
import { randomBytes } from 'node:crypto';

export interface Session {
  userId: string;
  expiresAt: number;
  /** The refresh token this session was minted from, if any. */
  refreshToken?: string;
}

interface RefreshGrant {
  userId: string;
  /** The connected app's consumer key it was issued to: only that app may redeem it. */
  clientId: string;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly refreshGrants = new Map<string, RefreshGrant>();
  private readonly orgId: string;
  private readonly lifetimeMs: number;
  private readonly clock: () => number;

  constructor(options: { orgId: string; lifetimeMs: number; clock: () => number }) {
    this.orgId = options.orgId;
    this.lifetimeMs = options.lifetimeMs;
    this.clock = options.clock;
  }

  issue(userId: string, refreshToken?: string): string {
    const token = `${this.orgId.slice(0, 15)}!${randomBytes(48).toString('base64url')}`;
    this.sessions.set(token, { userId, expiresAt: this.clock() + this.lifetimeMs, refreshToken });
    return token;
  }

  issueRefreshToken(userId: string, clientId: string): string {
    const token = `5Aep861${randomBytes(60).toString('base64url')}`;
    this.refreshGrants.set(token, { userId, clientId });
    return token;
  }

  /** A new access token for a live refresh token presented by the app it was issued to. */
  refresh(refreshToken: string, clientId: string): { accessToken: string; userId: string } | undefined {
    const grant = this.refreshGrants.get(refreshToken);
    if (!grant || grant.clientId !== clientId) return undefined;
    return { accessToken: this.issue(grant.userId, refreshToken), userId: grant.userId };
  }

  /** The live session behind a token, or undefined when it is unknown, revoked or expired. */
  resolve(token: string): Session | undefined {
    const session = this.sessions.get(token);
    if (!session) return undefined;
    if (session.expiresAt <= this.clock()) {
      this.sessions.delete(token);
      return undefined;
    }
    return session;
  }

  /** Revokes an access token, or a refresh token together with every access token it minted. */
  revoke(token: string): boolean {
    if (this.sessions.delete(token)) return true;
    if (!this.refreshGrants.delete(token)) return false;
    for (const [access, session] of this.sessions) if (session.refreshToken === token) this.sessions.delete(access);
    return true;
  }

  /** Ends every access token now, or one user's (fault injection: "the session expired"). */
  expireAll(userId?: string): number {
    let expired = 0;
    const now = this.clock();
    for (const [token, session] of this.sessions) {
      if (userId === undefined || session.userId === userId) {
        this.sessions.delete(token);
        if (session.expiresAt > now) expired++;
      }
    }
    return expired;
  }
}
