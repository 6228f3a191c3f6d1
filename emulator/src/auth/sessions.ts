// Access tokens the emulator has issued: opaque strings, as Salesforce's are, with a lifetime so
// that sessions really expire and clients must re-authenticate.
import { randomBytes } from 'node:crypto';

export interface Session {
  userId: string;
  expiresAt: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly orgId: string;
  private readonly lifetimeMs: number;
  private readonly clock: () => number;

  constructor(options: { orgId: string; lifetimeMs: number; clock: () => number }) {
    this.orgId = options.orgId;
    this.lifetimeMs = options.lifetimeMs;
    this.clock = options.clock;
  }

  issue(userId: string): string {
    const token = `${this.orgId.slice(0, 15)}!${randomBytes(48).toString('base64url')}`;
    this.sessions.set(token, { userId, expiresAt: this.clock() + this.lifetimeMs });
    return token;
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

  revoke(token: string): boolean {
    return this.sessions.delete(token);
  }

  /** Ends every session now (fault injection: "the session expired"). */
  expireAll(): void {
    this.sessions.clear();
  }
}
